// The seconds until the server lets a code be sent again, counted down once a second (stopped when the page goes).
import { onBeforeUnmount, ref } from 'vue';

export function useResendCountdown() {
  const secondsLeft = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Starts counting down from the `resendAfterSeconds` the server answered with. */
  function start(seconds: number) {
    secondsLeft.value = seconds;
    clearInterval(timer);
    timer = setInterval(() => {
      secondsLeft.value = Math.max(0, secondsLeft.value - 1);
      if (secondsLeft.value === 0) clearInterval(timer);
    }, 1000);
  }
  onBeforeUnmount(() => clearInterval(timer));

  return { secondsLeft, start };
}
