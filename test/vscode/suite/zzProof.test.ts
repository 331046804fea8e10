describe('proof', () => {
  it('hangs', async function () {
    this.timeout(0);
    await new Promise(() => undefined);
  });
});
