/** How a delivery received is named: GR-17 (goods receipt), on its page and in a unit's history. */
export const goodsReceiptNumber = (id: number): string => `GR-${id}`;
