namespace Platform.Billing.Domain;

/// <summary>
/// The one place money is rounded: each invoice line is rounded to cents, half away from zero, and
/// a total is the sum of its rounded lines, so the lines a customer sees always add up.
/// </summary>
public static class Pricing
{
    public const int CurrencyDecimals = 2;

    public static decimal LineAmount(long predictions, decimal pricePer1000) =>
        Math.Round(predictions * pricePer1000 / 1000m, CurrencyDecimals, MidpointRounding.AwayFromZero);

    public static decimal Total(IEnumerable<decimal> lineAmounts) => lineAmounts.Sum();
}
