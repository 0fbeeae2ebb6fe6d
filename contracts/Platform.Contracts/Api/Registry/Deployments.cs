using Platform.Contracts.Training;

namespace Platform.Contracts.Api.Registry;

/// <summary>
/// Deploy a solution on a dataset. The template gives the target, positive class, task and budget; a
/// customer whose columns are named differently overrides them here (null: the template's value).
/// <see cref="Task"/> <c>multiclass-classification</c> learns every value of the target and takes no
/// positive class; <c>regression</c> learns a numeric target and takes no positive class either (ADR 31). <see cref="TargetEpsilon"/> asks for differentially private training spending at
/// most that ε (δ below 1/rows); only the neural family can be trained so (ADR 28).
/// <see cref="Treatments"/> says per column what to do with personal data (drop, pseudonymise,
/// generalise, keep: keep only by an admin, recorded); a column where the profile found personal
/// data and that is not named takes the solution's default (ADR 30).
/// <see cref="Families"/> allows only those model families (<c>TrainingFamilies</c>), as an AutoML
/// run's allowed algorithms do; null: training chooses among every family that fits the data.
/// </summary>
public sealed record CreateDeploymentRequest(
    string? Name,
    string? Solution,
    string? Dataset,
    string? TargetColumn = null,
    string? PositiveClass = null,
    IReadOnlyList<string>? FeatureColumns = null,
    double? AccuracyBudget = null,
    int? Seed = null,
    string? Task = null,
    double? TargetEpsilon = null,
    IReadOnlyDictionary<string, string>? Treatments = null,
    IReadOnlyList<string>? Families = null);

/// <summary>
/// A deployment as listed. <see cref="State"/> is the registry's state by name (AwaitingData, Building,
/// Serving, Failed), a string so a state a client does not know yet is still shown.
/// </summary>
public sealed record DeploymentSummary(
    Guid Id, string Name, string Solution, string Dataset, string State,
    Guid? ChampionVersionId, int Versions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A deployment with what it learns, its champion and its runs (newest first); what it does to a
/// column with personal data unless <see cref="Treatments"/> names the column: <see cref="DefaultTreatment"/>.
/// </summary>
public sealed record DeploymentDetail(
    DeploymentSummary Deployment, ModelSpec Spec, double AccuracyBudget, ModelVersionResponse? Champion, IReadOnlyList<RunResponse> Runs,
    string? DefaultTreatment = null, IReadOnlyList<Datasets.ColumnTreatment>? Treatments = null);

/// <summary>Returned once, when the deployment is created: the only time its first API key is shown.</summary>
public sealed record CreatedDeployment(DeploymentSummary Deployment, string ApiKey, ApiKeyResponse Key, RunResponse? Run);
