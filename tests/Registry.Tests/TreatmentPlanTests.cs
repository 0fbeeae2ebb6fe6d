using System.Security.Claims;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Datasets;
using Platform.Registry.Apis;
using Platform.Registry.Domain;

namespace Platform.Registry.Tests;

/// <summary>
/// What a deployment does to personal data (issue 21, item 2; ADR 30): every column ingestion
/// flagged gets the deployment's choice or the solution's default, the target never; keeping raw
/// values is an admin's acknowledged decision; a run on raw data with something to treat waits for
/// the treated version.
/// </summary>
public sealed class TreatmentPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid TenantId = Guid.CreateVersion7();

    [Fact]
    public void Flagged_columns_take_the_deployments_choice_or_the_default_and_the_target_is_never_treated()
    {
        var deployment = Deployment(new ColumnTreatment("name", TreatmentActions.Drop, []), new ColumnTreatment("zip", TreatmentActions.Generalise, []));
        var dataset = Dataset(personalData: """{"name":["person-name"],"email":["email"],"diabetes":["email"]}""");

        var plan = deployment.PlanFor(dataset);

        Assert.Equal(
            [("email", TreatmentActions.Pseudonymise, "email"), ("name", TreatmentActions.Drop, "person-name"), ("zip", TreatmentActions.Generalise, "")],
            plan.Select(t => (t.Column, t.Action, string.Join(",", t.Kinds))));
    }

    [Fact]
    public void A_run_on_raw_data_with_personal_data_waits_for_its_treatment_and_treated_data_trains_at_once()
    {
        var deployment = Deployment();
        var treating = deployment.StartRun(Dataset(personalData: """{"email":["email"]}"""), DeploymentPipeline.TriggerNewData, Now, treating: true)!;
        Assert.Equal(RunState.Treating, treating.State);
        Assert.True(treating.Advance(RunState.Treating, RunState.Training, Now));

        Assert.Empty(Deployment().PlanFor(Dataset(personalData: null)));
    }

    [Fact]
    public void Keeping_raw_personal_data_needs_an_admin_whose_acknowledgement_is_recorded()
    {
        var request = new CreateDeploymentRequest("diabetes", "healthcare-diabetes-risk", "patients",
            Treatments: new Dictionary<string, string> { ["email"] = TreatmentActions.Keep, ["name"] = TreatmentActions.Drop });

        var (_, refusal) = request.TreatmentsFrom(Caller(PlatformRoles.DataScientist), Now);
        Assert.Equal("treatments.email", refusal!.Value.Field);
        Assert.StartsWith("keeping raw personal data needs an organization admin", refusal.Value.Reason);

        var (treatments, none) = request.TreatmentsFrom(Caller(PlatformRoles.Admin), Now);
        Assert.Null(none);
        var kept = treatments!.Single(t => t.Column == "email");
        Assert.Equal(("alice", Now), (kept.AcknowledgedBy, kept.AcknowledgedAt));
        Assert.Null(treatments!.Single(t => t.Column == "name").AcknowledgedBy);
    }

    [Theory]
    [InlineData("email", "hash", "treatments.email", "'hash' is not a treatment; must be one of: drop, pseudonymise, generalise, mask, keep")]
    [InlineData("diabetes", "drop", "treatments.diabetes", "is the target column: what the model predicts cannot be treated")]
    public void An_unknown_treatment_or_a_treated_target_is_refused_by_field(string column, string action, string field, string reason)
    {
        var request = new CreateDeploymentRequest("diabetes", "healthcare-diabetes-risk", "patients", Treatments: new Dictionary<string, string> { [column] = action });
        Assert.Equal((field, reason), request.Validate(out _));
    }

    private static ClaimsPrincipal Caller(string role) => new(new ClaimsIdentity(
        [new Claim(PlatformClaims.Subject, "alice"), new Claim(PlatformClaims.Role, role)], "test", PlatformClaims.Subject, PlatformClaims.Role));

    private static Deployment Deployment(params ColumnTreatment[] treatments) => new()
    {
        TenantId = TenantId,
        Name = "diabetes",
        Solution = "healthcare-diabetes-risk",
        DatasetName = "patients",
        Spec = new SpecColumns { TargetColumn = "diabetes", PositiveClass = "pos", Task = SolutionCatalog.BinaryClassification, Seed = 42 },
        DefaultTreatment = TreatmentActions.Pseudonymise,
        TreatmentsJson = treatments.Length == 0 ? null : RegisteredDatasetVersion.ToJson(treatments),
        CreatedAt = Now,
    };

    private static RegisteredDatasetVersion Dataset(string? personalData) => new()
    {
        TenantId = TenantId,
        DatasetVersionId = Guid.CreateVersion7(),
        DatasetName = "patients",
        VersionNumber = 1,
        Sha256 = new string('a', 64),
        Uri = "artifact://sha256/" + new string('a', 64),
        PersonalDataJson = personalData,
    };
}
