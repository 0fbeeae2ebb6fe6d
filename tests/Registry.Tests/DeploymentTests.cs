using Platform.Contracts.Solutions;
using Platform.Contracts.Api.Registry;
using Platform.Registry.Apis;
using Platform.Registry.Domain;

namespace Platform.Registry.Tests;

public sealed class DeploymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_deployment_runs_one_pipeline_at_a_time()
    {
        var deployment = NewDeployment();
        var first = deployment.StartRun(Dataset("credit", 1), DeploymentPipeline.TriggerNewData, Now);
        var second = deployment.StartRun(Dataset("credit", 2), DeploymentPipeline.TriggerNewData, Now);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(first!.Id, deployment.ActiveRunId);
        Assert.Equal(DeploymentState.Building, deployment.State);
        Assert.Equal(RunState.Training, first.State);
    }

    [Fact]
    public void Another_datasets_version_does_not_start_a_run() =>
        Assert.Null(NewDeployment().StartRun(Dataset("churn", 1), DeploymentPipeline.TriggerNewData, Now));

    [Fact]
    public void Finishing_with_a_promotion_makes_it_the_champion_and_frees_the_deployment()
    {
        var deployment = NewDeployment();
        var run = deployment.StartRun(Dataset("credit", 1), DeploymentPipeline.TriggerNewData, Now)!;
        var version = deployment.RegisterVersion(new ModelVersion
        {
            Technique = "int8",
            Spec = deployment.Spec,
            ArtifactUri = "artifact://sha256/x",
            ArtifactSha256 = "x",
        });

        deployment.Finish(run, version, Now);

        Assert.Equal(1, version.Number);
        Assert.Equal(version.Id, deployment.ChampionVersionId);
        Assert.Null(deployment.ActiveRunId);
        Assert.Equal(DeploymentState.Serving, deployment.State);
    }

    [Fact]
    public void A_run_only_moves_forward()
    {
        var run = NewDeployment().StartRun(Dataset("credit", 1), DeploymentPipeline.TriggerNewData, Now)!;

        Assert.True(run.Advance(RunState.Training, RunState.Compressing, Now));
        Assert.False(run.Advance(RunState.Training, RunState.Compressing, Now));
        run.Fail("compression failed", Now);
        Assert.False(run.Advance(RunState.Compressing, RunState.Promoted, Now));
        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal("compression failed", run.Reason);
    }

    [Theory]
    [InlineData(null, "finance-credit-risk", "credit", "name")]
    [InlineData("Credit Risk", "finance-credit-risk", "credit", "name")]
    [InlineData("credit-risk", "no-such-solution", "credit", "solution")]
    [InlineData("credit-risk", "finance-credit-risk", "", "dataset")]
    public void A_deployment_request_names_the_field_at_fault(string? name, string solution, string dataset, string field)
    {
        var problem = new CreateDeploymentRequest(name, solution, dataset).Validate(out _);
        Assert.Equal(field, problem?.Field);
    }

    [Fact]
    public void A_deployment_request_takes_the_solution_templates_spec_unless_overridden()
    {
        var request = new CreateDeploymentRequest("credit-risk", "finance-credit-risk", "credit", PositiveClass: "good");
        Assert.Null(request.Validate(out var template));

        var spec = request.SpecFrom(template!);
        Assert.Equal("Status", spec.TargetColumn);
        Assert.Equal("good", spec.PositiveClass);
        Assert.Equal(RegistryRequestRules.DefaultSeed, spec.Seed);
    }

    [Fact]
    public void A_multiclass_deployment_has_no_positive_class_and_an_unknown_task_is_named()
    {
        var request = new CreateDeploymentRequest("jobs", "finance-credit-risk", "credit", TargetColumn: "Job", Task: SolutionCatalog.MulticlassClassification);
        Assert.Null(request.Validate(out var template));
        var spec = request.SpecFrom(template!);
        Assert.Equal(("Job", (string?)null, "multiclass-classification"), (spec.TargetColumn, spec.PositiveClass, spec.Task));

        Assert.Equal("positiveClass", (request with { PositiveClass = "fixed" }).Validate(out _)?.Field);
        var unknown = (request with { Task = "ranking" }).Validate(out _);
        Assert.Equal(("task", "must be one of: binary-classification, multiclass-classification, regression"), unknown);
    }

    [Fact]
    public void A_regression_deployment_has_no_positive_class_nor_a_privacy_budget()
    {
        var request = new CreateDeploymentRequest("amounts", "finance-credit-risk", "credit", TargetColumn: "Amount", Task: SolutionTemplates.Regression);
        Assert.Null(request.Validate(out var template));
        var spec = request.SpecFrom(template!);
        Assert.Equal(("Amount", (string?)null, "regression"), (spec.TargetColumn, spec.PositiveClass, spec.Task));
        Assert.Equal("r2", PromotionPolicy.MetricFor(spec.Task));

        Assert.Equal(
            ("positiveClass", "a regression deployment learns the target's numbers and has no positive class; leave it out"),
            (request with { PositiveClass = "800" }).Validate(out _));
        Assert.Equal("targetEpsilon", (request with { TargetEpsilon = 4 }).Validate(out _)?.Field);
    }

    [Fact]
    public void A_deployment_may_allow_only_some_model_families_each_named_and_known()
    {
        var request = new CreateDeploymentRequest("reviews", "retail-review-sentiment", "reviews", Families: ["fine-tuned-encoder", "fine-tuned-encoder"]);
        Assert.Null(request.Validate(out var template));
        Assert.Equal(["fine-tuned-encoder"], request.SpecFrom(template!).Families);
        Assert.Null((request with { Families = null }).SpecFrom(template!).Families);
        // Kept with the deployment's spec, and so with each version's (lineage: what it was allowed to be).
        Assert.Equal(["fine-tuned-encoder"], SpecColumns.From(request.SpecFrom(template!)).Copy().Families);

        Assert.Equal(
            ("families", "'bert-large' is not a model family; must be among: logistic-regression, linear-regression, boosted-trees, mlp, text-cnn, fine-tuned-encoder, image-cnn"),
            (request with { Families = ["text-cnn", "bert-large"] }).Validate(out _));
        Assert.Equal(
            ("families", "leave it out to let training choose among every family, or name at least one"),
            (request with { Families = [] }).Validate(out _));
        Assert.Equal(
            ("families", "differentially private training trains the mlp alone; allow it or leave the families out"),
            new CreateDeploymentRequest("diabetes", "healthcare-diabetes-risk", "d", TargetEpsilon: 4, Families: ["boosted-trees"]).Validate(out _));
    }

    private static Deployment NewDeployment() => new()
    {
        TenantId = TenantId,
        Name = "credit-risk",
        Solution = "finance-credit-risk",
        DatasetName = "credit",
        Spec = new SpecColumns { TargetColumn = "Status", PositiveClass = "bad", Task = SolutionCatalog.BinaryClassification, Seed = 42 },
        AccuracyBudget = 0.01,
        CreatedAt = Now,
    };

    private static readonly Guid TenantId = Guid.CreateVersion7();

    private static RegisteredDatasetVersion Dataset(string name, int number) => new()
    {
        TenantId = TenantId,
        DatasetVersionId = Guid.CreateVersion7(),
        DatasetName = name,
        VersionNumber = number,
        Sha256 = new string('a', 64),
        Uri = "artifact://sha256/" + new string('a', 64),
    };
}
