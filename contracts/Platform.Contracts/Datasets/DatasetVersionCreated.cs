namespace Platform.Contracts.Datasets;

/// <summary>
/// An immutable, content-addressed dataset version exists. A version derived from another (labelled
/// served rows appended to it) names its base and how many rows were appended; its correlation id
/// is the retraining episode's that asked for it. A treated version (issue 21, item 2) carries what
/// was done to which column in <see cref="Treatment"/>, and its correlation id is the run's that asked;
/// a version appended to a treated one inherits its treatment. <see cref="PersonalData"/> names the
/// columns where the profile found personal data, with the kinds found.
/// </summary>
public sealed record DatasetVersionCreated(
    Guid TenantId,
    Guid CorrelationId,
    Guid DatasetVersionId,
    string DatasetName,
    int VersionNumber,
    ArtifactReference Content,
    DateTimeOffset CreatedAt,
    Guid? DerivedFromVersionId = null,
    long AppendedRows = 0,
    IReadOnlyList<ColumnTreatment>? Treatment = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? PersonalData = null) : IPlatformMessage;
