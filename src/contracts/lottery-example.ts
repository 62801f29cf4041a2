// The worked example printed under the lottery algorithm on the public verification page: every input and every
// intermediate value, so anyone re-implementing the draw in another language can check each step. The values
// are literals (not computed here); lottery-example.test.ts proves the platform's own draw gives exactly them.

export const LOTTERY_EXAMPLE = {
  seed: '6c6561726e636974792d776f726b65642d6578616d706c652d32303236000000',
  seedHash: '767804b76be1a7e72cf48c8dfb0ef6a677402d231883e2eeef19844e0ce6977b',
  /** Residents (their ids) and the tokens that follow from the seed. */
  residents: [
    { residentId: 'resident-1', token: '728eb996941520fe1109103e463e642d' },
    { residentId: 'resident-2', token: 'bdd36b1d34ed5c9c3ddd1400a0cd1703' },
    { residentId: 'resident-3', token: '713d50f140b69bc83fd1df392e5ac0e6' },
    { residentId: 'resident-4', token: '361ffd1608ce37a595d56934c3e74d2c' },
  ],
  offerings: [
    { id: 'class-b', seats: 1 },
    { id: 'class-a', seats: 2 },
  ],
  applications: [
    {
      token: '728eb996941520fe1109103e463e642d',
      quota: 1,
      choices: [
        { offeringId: 'class-a', priority: false },
        { offeringId: 'class-b', priority: false },
      ],
    },
    { token: 'bdd36b1d34ed5c9c3ddd1400a0cd1703', quota: 1, choices: [{ offeringId: 'class-a', priority: true }] },
    {
      token: '713d50f140b69bc83fd1df392e5ac0e6',
      quota: 2,
      choices: [
        { offeringId: 'class-b', priority: false },
        { offeringId: 'class-a', priority: false },
      ],
    },
    {
      token: '361ffd1608ce37a595d56934c3e74d2c',
      quota: 1,
      choices: [
        { offeringId: 'class-a', priority: false },
        { offeringId: 'class-b', priority: false },
      ],
    },
  ],
  canonicalList:
    '{"offerings":[{"id":"class-a","seats":2},{"id":"class-b","seats":1}],"applications":[{"token":"361ffd1608ce37a595d56934c3e74d2c","quota":1,"choices":[{"offeringId":"class-a","priority":false},{"offeringId":"class-b","priority":false}]},{"token":"713d50f140b69bc83fd1df392e5ac0e6","quota":2,"choices":[{"offeringId":"class-b","priority":false},{"offeringId":"class-a","priority":false}]},{"token":"728eb996941520fe1109103e463e642d","quota":1,"choices":[{"offeringId":"class-a","priority":false},{"offeringId":"class-b","priority":false}]},{"token":"bdd36b1d34ed5c9c3ddd1400a0cd1703","quota":1,"choices":[{"offeringId":"class-a","priority":true}]}]}',
  listDigest: '58e6c8f0a1173c0293670eab4c60a9804517d620852370e1b7e5de4f9171e959',
  /** HMAC-SHA256(seed, "order:" + token), in the order of the residents above. */
  orderKeys: [
    'ee5383e3a08a6ec4640cbbb5eb7f57c9c88cf47b878cde583a00322665c61e08',
    '272e929332349a2dbffc1c897cd406a1024120a2a51aa574ddc6a490c4eee04a',
    'e531533aa66e155172df8e361d6d6303efc6b0d50b709b2b7b2474bf3b2871c9',
    'ed8eeb4313ac7906800b11e1cf409b01bfb2552ad509fe5918a2e6f39a815876',
  ],
  order: ['bdd36b1d34ed5c9c3ddd1400a0cd1703', '713d50f140b69bc83fd1df392e5ac0e6', '361ffd1608ce37a595d56934c3e74d2c', '728eb996941520fe1109103e463e642d'],
  results: [
    { token: 'bdd36b1d34ed5c9c3ddd1400a0cd1703', offeringId: 'class-a' },
    { token: '713d50f140b69bc83fd1df392e5ac0e6', offeringId: 'class-b' },
    { token: '361ffd1608ce37a595d56934c3e74d2c', offeringId: 'class-a' },
  ],
} as const;
