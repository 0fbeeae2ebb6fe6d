using System.Security.Claims;
using System.Text.RegularExpressions;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Datasets;
using Platform.Contracts.Solutions;
using Platform.Contracts.Training;
using Platform.Registry.Domain;
using Platform.ServiceDefaults.Access;

namespace Platform.Registry.Apis;

/// <summary>
/// What the registry accepts in its requests (the shared types in <c>Platform.Contracts.Api.Registry</c>)
/// and how it applies them. Here, not beside the types: the rules are the registry's, and they read
/// its catalog and domain, which contracts knows nothing of.
/// </summary>
public static partial class RegistryRequestRules
{
    public const int DefaultSeed = 42;
    /// <summary>ε below 0.1 leaves a model no signal; above 100 the guarantee means nothing.</summary>
    public const double MinEpsilon = 0.1, MaxEpsilon = 100;
    public const int DefaultGraceSeconds = 3600;
    public const int MaxGraceSeconds = 7 * 24 * 3600;

    /// <summary>The first problem found as (field, reason), or the solution template the request resolves to.</summary>
    public static (string Field, string Reason)? Validate(this CreateDeploymentRequest request, out SolutionTemplate? template)
    {
        template = request.Solution is null ? null : SolutionCatalog.Find(request.Solution);
        if (string.IsNullOrWhiteSpace(request.Name) || !NamePattern().IsMatch(request.Name))
            return ("name", "must be 1–63 lowercase letters, digits or dashes, starting with a letter or digit");
        if (template is null)
            return ("solution", $"must be one of: {string.Join(", ", SolutionCatalog.All.Select(s => s.Name))}");
        if (string.IsNullOrWhiteSpace(request.Dataset)) return ("dataset", "names the dataset whose versions feed this deployment");
        if (request.AccuracyBudget is < 0 or > 0.5) return ("accuracyBudget", "must be between 0 and 0.5");
        if (request.FeatureColumns is { Count: 0 }) return ("featureColumns", "leave it out to use every other column, or name at least one");
        if (request.Task is { } task && !SolutionTemplates.Tasks.Contains(task))
            return ("task", $"must be one of: {string.Join(", ", SolutionTemplates.Tasks)}");
        if ((request.Task ?? template.Task) == SolutionTemplates.MulticlassClassification && request.PositiveClass is not null)
            return ("positiveClass", "a multiclass deployment learns every class of the target and has no positive class; leave it out");
        if ((request.Task ?? template.Task) == SolutionTemplates.Regression && request.PositiveClass is not null)
            return ("positiveClass", "a regression deployment learns the target's numbers and has no positive class; leave it out");
        if ((request.Task ?? template.Task) == SolutionTemplates.Regression && request.TargetEpsilon is not null)
            return ("targetEpsilon", "differentially private training is built for classification; a regression deployment cannot take a privacy budget yet");
        if (request.TargetEpsilon is { } epsilon && !(epsilon is >= MinEpsilon and <= MaxEpsilon))
            return ("targetEpsilon", $"must be between {MinEpsilon} and {MaxEpsilon}: the privacy budget ε of differentially private training");
        if (request.Families is { Count: 0 }) return ("families", "leave it out to let training choose among every family, or name at least one");
        if (request.Families?.FirstOrDefault(f => !TrainingFamilies.All.Contains(f)) is { } unknown)
            return ("families", $"'{unknown}' is not a model family; must be among: {string.Join(", ", TrainingFamilies.All)}");
        if (request.TargetEpsilon is not null && request.Families is { } allowed && !allowed.Contains(TrainingFamilies.Mlp))
            return ("families", $"differentially private training trains the {TrainingFamilies.Mlp} alone; allow it or leave the families out");
        foreach (var (column, action) in request.Treatments ?? new Dictionary<string, string>())
        {
            if (!TreatmentActions.IsKnown(action))
                return ($"treatments.{column}", $"'{action}' is not a treatment; must be one of: {string.Join(", ", TreatmentActions.All)}");
            if (column == (request.TargetColumn ?? template.TargetColumn))
                return ($"treatments.{column}", "is the target column: what the model predicts cannot be treated");
        }
        return null;
    }

    /// <summary>
    /// The deployment's treatments by column. Keeping raw personal data is an admin's decision, recorded
    /// with who took it and when; anyone else is refused (field, reason).
    /// </summary>
    public static (IReadOnlyList<ColumnTreatment>? Treatments, (string Field, string Reason)? Refusal) TreatmentsFrom(
        this CreateDeploymentRequest request, ClaimsPrincipal caller, DateTimeOffset now)
    {
        List<ColumnTreatment> treatments = [];
        foreach (var (column, action) in (request.Treatments ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (action != TreatmentActions.Keep)
            {
                treatments.Add(new ColumnTreatment(column, action, []));
                continue;
            }
            if (!caller.IsInRole(PlatformRoles.Admin) || caller.Subject() is not { } admin)
                return (null, ($"treatments.{column}", "keeping raw personal data needs an organization admin, whose acknowledgement is recorded; sign in as an admin or choose drop, pseudonymise or generalise"));
            treatments.Add(new ColumnTreatment(column, action, [], admin, now));
        }
        return (treatments, null);
    }

    /// <summary>What to learn: the template's target, positive class and task unless the request overrides them.</summary>
    public static ModelSpec SpecFrom(this CreateDeploymentRequest request, SolutionTemplate template)
    {
        var task = request.Task ?? template.Task;
        return new(
            request.TargetColumn ?? template.TargetColumn,
            task is SolutionTemplates.MulticlassClassification or SolutionTemplates.Regression ? null : request.PositiveClass ?? template.PositiveClass,
            task,
            request.FeatureColumns,
            request.Seed ?? DefaultSeed,
            request.TargetEpsilon,
            request.Families?.Distinct().ToList());
    }

    public static (string Field, string Reason)? Validate(this IssueApiKeyRequest request)
    {
        if (request.Scopes is { Count: 0 }) return ("scopes", $"must name at least one of {string.Join(", ", PlatformScopes.ApiKey)}");
        if (request.Scopes?.FirstOrDefault(s => !PlatformScopes.ApiKey.Contains(s)) is { } unknown)
            return ("scopes", $"'{unknown}' is not a key scope; the scopes are {string.Join(", ", PlatformScopes.ApiKey)}");
        if (request.ExpiresAt is { } at && at <= DateTimeOffset.UtcNow) return ("expiresAt", "must be in the future");
        return null;
    }

    public static (string Field, string Reason)? Validate(this RotateApiKeyRequest request) =>
        request.GraceSeconds is < 0 or > MaxGraceSeconds ? ("graceSeconds", $"must be between 0 and {MaxGraceSeconds} (7 days)") : null;

    /// <summary>Sets the fields the request names; the rest keep their current value.</summary>
    public static void ApplyTo(this RetrainingPolicyRequest request, RetrainingPolicy policy)
    {
        policy.PsiThreshold = request.PsiThreshold ?? policy.PsiThreshold;
        policy.ConsecutiveWindows = request.ConsecutiveWindows ?? policy.ConsecutiveWindows;
        policy.WindowRows = request.WindowRows ?? policy.WindowRows;
        policy.WindowSeconds = request.WindowSeconds ?? policy.WindowSeconds;
        policy.CooldownSeconds = request.CooldownSeconds ?? policy.CooldownSeconds;
        policy.MinLabelledRows = request.MinLabelledRows ?? policy.MinLabelledRows;
        policy.PromotionMargin = request.PromotionMargin ?? policy.PromotionMargin;
        policy.MaxQualityDrop = request.MaxQualityDrop ?? policy.MaxQualityDrop;
        policy.OnNewData = request.OnNewData ?? policy.OnNewData;
        policy.OnDrift = request.OnDrift ?? policy.OnDrift;
        policy.OnQualityDrop = request.OnQualityDrop ?? policy.OnQualityDrop;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
