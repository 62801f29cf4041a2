// Read-aloud (朗读) in elder mode and voice input for search boxes.
export const zh = {
  speech: { read: '朗读', stop: '停止朗读', voice: '语音输入', listening: '正在听…再点一次结束', voiceFailed: '没有听清，请再试一次，或直接输入文字。' },
};

export const en: typeof zh = {
  speech: {
    read: 'Read aloud',
    stop: 'Stop reading',
    voice: 'Speak',
    listening: 'Listening… tap again to stop',
    voiceFailed: 'Nothing was heard; try again, or type instead.',
  },
};
