namespace Platform.Contracts.Datasets;

/// <summary>
/// What a deployment does to a column holding personal data before anything learns from it or keeps
/// it (issue 21, item 2; ADR 30). <see cref="Keep"/> needs an admin's recorded acknowledgement.
/// </summary>
public static class TreatmentActions
{
    /// <summary>The column is left out of the treated version, and so of every model input.</summary>
    public const string Drop = "drop";
    /// <summary>Each value becomes its keyed HMAC under the tenant's pseudonym key: stable within a tenant, unlinkable across tenants.</summary>
    public const string Pseudonymise = "pseudonymise";
    /// <summary>Each value keeps a coarser part: a number its band of ten, a date its year, an e-mail its domain, an IP its /16, text its first three characters.</summary>
    public const string Generalise = "generalise";
    /// <summary>The raw values are kept, as an admin acknowledged.</summary>
    public const string Keep = "keep";
    /// <summary>
    /// Free text keeps its words; each span of personal data in it (an e-mail, a phone number, a card…)
    /// becomes its kind in brackets, "[phone]". A review that quotes a phone number stays a review.
    /// </summary>
    public const string Mask = "mask";

    public static IReadOnlyList<string> All { get; } = [Drop, Pseudonymise, Generalise, Mask, Keep];

    public static bool IsKnown(string? action) => action is Drop or Pseudonymise or Generalise or Mask or Keep;

    /// <summary>Whether the action changes the values (keep does not).</summary>
    public static bool Changes(string action) => action != Keep;
}
