namespace Platform.Contracts.Datasets;

/// <summary>
/// What was (or is to be) done to one column's personal data: <see cref="Action"/> is drop,
/// pseudonymise, generalise or keep; <see cref="Kinds"/> what the profile found in it (empty for a
/// column treated without a finding); a keep names the admin who acknowledged it, and when.
/// </summary>
public sealed record ColumnTreatment(
    string Column,
    string Action,
    IReadOnlyList<string> Kinds,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null);
