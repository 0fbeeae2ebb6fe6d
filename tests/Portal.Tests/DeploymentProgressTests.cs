using Platform.Contracts;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Compression;
using Platform.Contracts.Datasets;
using Platform.Contracts.Inference;
using Platform.Contracts.Registry;
using Platform.Contracts.Training;
using Platform.Portal.Live;

namespace Platform.Portal.Tests;

/// <summary>The progress view: built from the services' state, moved forward by their events, never back within a run.</summary>
public sealed class DeploymentProgressTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Run = Guid.NewGuid();
    private static readonly Guid Version = Guid.NewGuid();
    private static readonly ModelSpec Spec = new("diabetes", "pos", "binary-classification", null, 42);
    private static readonly ArtifactReference Model = new("file:///m.onnx", new string('a', 64), 1000);

    [Fact]
    public void A_deployment_without_data_waits_for_it()
    {
        var progress = DeploymentProgress.From(Detail(runs: []), [], served: null);

        Assert.Equal(StepState.Active, progress[ProgressStep.Ingested]);
        Assert.Equal(StepState.Pending, progress[ProgressStep.Training]);
        Assert.Null(progress.RunId);
    }

    [Fact]
    public void Events_of_the_run_move_it_through_every_step_to_live()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Training")]), [], served: null);

        Assert.Equal(ProgressChange.Updated, progress.Apply(new TrainingProgressed(Tenant, Run, Run, 1, 0.7, 0.68, 0.71, null)));
        Assert.Equal(ProgressChange.Updated, progress.Apply(new TrainingProgressed(Tenant, Run, Run, 2, 0.6, 0.61, 0.78, null)));
        Assert.Equal([1, 2], progress.Epochs.Select(e => e.Epoch));
        Assert.Equal(StepState.Active, progress[ProgressStep.Training]);

        progress.Apply(new ModelTrained(Tenant, Run, Run, Guid.NewGuid(), Spec, Model, new Dictionary<string, double> { ["rocAuc"] = 0.83 }));
        Assert.Equal(StepState.Done, progress[ProgressStep.Training]);
        Assert.Contains("0.830", progress.DetailOf(ProgressStep.Training));
        Assert.Equal(StepState.Active, progress[ProgressStep.Compressed]);

        progress.Apply(new ModelCompressed(Tenant, Run, Guid.NewGuid(), [new CompressedVariant("int8", Model, new Dictionary<string, double>(), 0, 0.29, 0, 0, 0, 0)]));
        Assert.Equal(StepState.Done, progress[ProgressStep.Compressed]);

        Assert.Equal(ProgressChange.NeedsRefresh, progress.Apply(new ModelPromoted(Tenant, Run, "diabetes", Version, Model)));
        Assert.Equal(StepState.Done, progress[ProgressStep.Promoted]);
        Assert.False(progress.IsLive);

        progress.Apply(new ModelLoaded(Tenant, Run, "diabetes", Version, DateTimeOffset.UtcNow));
        Assert.True(progress.IsLive);
    }

    [Fact]
    public void A_trained_regression_model_reports_its_test_r2_not_roc_auc()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Training")]), [], served: null);

        progress.Apply(new ModelTrained(Tenant, Run, Run, Guid.NewGuid(), Spec with { PositiveClass = null, Task = "regression" }, Model,
            new Dictionary<string, double> { ["r2"] = 0.7123, ["rmse"] = 23_456.7, ["mae"] = 15_120.4 }));

        Assert.Equal("test R² 0.712", progress.DetailOf(ProgressStep.Training));
    }

    [Fact]
    public void A_failed_training_says_why_and_marks_the_step()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Training")]), [], served: null);

        progress.Apply(new TrainingFailed(Tenant, Run, Run, "The target 'diabetes' has only one class."));

        Assert.Equal(StepState.Failed, progress[ProgressStep.Training]);
        Assert.Equal("The target 'diabetes' has only one class.", progress.Failure);
        Assert.False(progress.IsLive);
    }

    [Fact]
    public void A_failed_run_read_from_the_registry_is_failed_at_the_step_it_reached()
    {
        var failed = RunIn("Failed") with { Reason = "no such column" };
        var progress = DeploymentProgress.From(Detail(runs: [failed]), [], served: null);

        Assert.Equal(StepState.Failed, progress[ProgressStep.Training]);
        Assert.Equal("no such column", progress.Failure);
    }

    [Fact]
    public void Events_of_another_deployment_or_run_change_nothing()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Training")]), [], served: null);

        Assert.Equal(ProgressChange.None, progress.Apply(new TrainingProgressed(Tenant, Guid.NewGuid(), Guid.NewGuid(), 3, 0.5, 0.5, 0.8, null)));
        Assert.Equal(ProgressChange.None, progress.Apply(new ModelLoaded(Tenant, Guid.NewGuid(), "another", Version, DateTimeOffset.UtcNow)));
        Assert.Equal(ProgressChange.None, progress.Apply(new DatasetVersionCreated(Tenant, Guid.NewGuid(), Guid.NewGuid(), "other-data", 1, Model, DateTimeOffset.UtcNow)));
        Assert.Empty(progress.Epochs);
        Assert.Equal(StepState.Active, progress[ProgressStep.Training]);
    }

    [Fact]
    public void A_refresh_that_lags_behind_the_events_does_not_move_the_run_back()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Training")]), [], served: null);
        progress.Apply(new ModelTrained(Tenant, Run, Run, Guid.NewGuid(), Spec, Model, new Dictionary<string, double>()));

        // The registry has not consumed ModelTrained yet: it still says Training.
        var merged = progress.Merge(DeploymentProgress.From(Detail(runs: [RunIn("Training")]), [new RunEpochResponse(1, 0.7, 0.7, 0.7, DateTimeOffset.UtcNow)], served: null));

        Assert.Same(progress, merged);
        Assert.Equal(StepState.Done, merged[ProgressStep.Training]);
        Assert.Single(merged.Epochs);
    }

    [Fact]
    public void A_new_run_replaces_the_old_one()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Promoted") with { PromotedVersionId = Version }]), [], Served(Version));
        Assert.True(progress.IsLive);

        var newRun = RunIn("Training") with { Id = Guid.NewGuid(), StartedAt = DateTimeOffset.UtcNow.AddMinutes(1) };
        var merged = progress.Merge(DeploymentProgress.From(Detail(runs: [newRun, RunIn("Promoted")]), [], Served(Version)));

        Assert.Equal(newRun.Id, merged.RunId);
        Assert.Equal(StepState.Active, merged[ProgressStep.Training]);
        Assert.False(merged.IsLive);
    }

    [Fact]
    public void Promoted_but_not_yet_loaded_is_not_live()
    {
        var promoted = RunIn("Promoted") with { PromotedVersionId = Version };

        Assert.False(DeploymentProgress.From(Detail(runs: [promoted]), [], served: null).IsLive);
        Assert.False(DeploymentProgress.From(Detail(runs: [promoted]), [], Served(Guid.NewGuid())).IsLive);
        Assert.True(DeploymentProgress.From(Detail(runs: [promoted]), [], Served(Version)).IsLive);
    }

    [Fact]
    public void New_data_for_a_failed_deployment_makes_the_view_look_for_its_new_run_once()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Failed") with { Reason = "one class" }]), [], served: null);
        var newRun = Guid.NewGuid();

        Assert.Equal(ProgressChange.NeedsRefresh, progress.Apply(new DatasetVersionCreated(Tenant, Guid.NewGuid(), Guid.NewGuid(), "diabetes-data", 2, Model, DateTimeOffset.UtcNow)));
        // The registry had not started the run when the page asked: its first epoch says so, once.
        Assert.Equal(ProgressChange.NeedsRefresh, progress.Apply(new TrainingProgressed(Tenant, newRun, newRun, 1, 0.7, 0.7, 0.7, null)));
        Assert.Equal(ProgressChange.None, progress.Apply(new TrainingProgressed(Tenant, newRun, newRun, 2, 0.6, 0.6, 0.8, null)));
    }

    [Fact]
    public void A_view_waiting_for_data_asks_once_per_unknown_run_not_once_per_epoch()
    {
        var progress = DeploymentProgress.From(Detail(runs: []), [], served: null);
        var otherRun = Guid.NewGuid();

        Assert.Equal(ProgressChange.NeedsRefresh, progress.Apply(new TrainingProgressed(Tenant, otherRun, otherRun, 1, 0.7, 0.7, 0.7, null)));
        for (var epoch = 2; epoch < 50; epoch++)
            Assert.Equal(ProgressChange.None, progress.Apply(new TrainingProgressed(Tenant, otherRun, otherRun, epoch, 0.6, 0.6, 0.8, null)));
        var merged = progress.Merge(DeploymentProgress.From(Detail(runs: []), [], served: null));
        Assert.Equal(ProgressChange.None, merged.Apply(new ModelTrained(Tenant, otherRun, otherRun, Guid.NewGuid(), Spec, Model, new Dictionary<string, double>())));
    }

    [Fact]
    public void The_load_may_be_reported_before_the_promotion()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Compressing")]), [], served: null);

        progress.Apply(new ModelLoaded(Tenant, Run, "diabetes", Version, DateTimeOffset.UtcNow));

        Assert.True(progress.IsLive);
    }

    [Fact]
    public void A_load_of_another_runs_model_does_not_make_this_run_live()
    {
        var progress = DeploymentProgress.From(Detail(runs: [RunIn("Training")]), [], served: null);

        Assert.Equal(ProgressChange.None, progress.Apply(new ModelLoaded(Tenant, Guid.NewGuid(), "diabetes", Guid.NewGuid(), DateTimeOffset.UtcNow)));

        Assert.False(progress.IsLive);
        Assert.Equal(StepState.Pending, progress[ProgressStep.Live]);
    }

    [Theory]
    [InlineData("Training")]
    [InlineData("Compressing")]
    [InlineData("Rejected")]
    [InlineData("Failed")]
    public void A_challenger_that_has_not_won_leaves_the_view_on_the_champion_that_serves(string challengerState)
    {
        var championRun = RunIn("Promoted") with { PromotedVersionId = Version, StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10) };
        var challenger = new RunResponse(Guid.NewGuid(), Guid.NewGuid(), "retraining-drift", challengerState, 3, null, null, null, "lost", DateTimeOffset.UtcNow, null);
        var detail = Detail(runs: [challenger, championRun]) with { Champion = Champion(championRun.Id) };

        var progress = DeploymentProgress.From(detail, [], Served(Version));

        Assert.Equal(championRun.Id, DeploymentProgress.ShownRun(detail)!.Id);
        Assert.True(progress.IsLive);
        Assert.False(progress.HasFailed);
    }

    [Fact]
    public void A_challenger_that_won_is_the_run_the_view_follows()
    {
        var oldRun = RunIn("Promoted") with { StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10) };
        var winner = new RunResponse(Guid.NewGuid(), Guid.NewGuid(), "retraining-drift", "Promoted", 9, null, Guid.NewGuid(), Version, null, DateTimeOffset.UtcNow, null);
        var detail = Detail(runs: [oldRun, winner]) with { Champion = Champion(winner.Id) };

        Assert.Equal(winner.Id, DeploymentProgress.ShownRun(detail)!.Id);
    }

    private static ModelVersionResponse Champion(Guid runId) => new(
        Version, Guid.NewGuid(), 2, "int8", "Production", null, Guid.NewGuid(), runId, Spec, Model,
        new Dictionary<string, double>(), 0.9, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new Dictionary<string, double>(), null);

    private static RunResponse RunIn(string state) =>
        new(Run, Guid.NewGuid(), "new-data", state, 0, null, state is "Compressing" or "Promoted" ? Guid.NewGuid() : null, null, null, DateTimeOffset.UtcNow, null);

    private static ServedDeploymentResponse Served(Guid version) => new(
        "diabetes", Guid.NewGuid(), [], version, true, version, DateTimeOffset.UtcNow, new DriftSettingsResponse(0.2, 2, 500, 300));

    private static DeploymentDetail Detail(RunResponse[] runs) => new(
        new DeploymentSummary(Guid.NewGuid(), "diabetes", "healthcare-diabetes-risk", "diabetes-data", "Building", null, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
        Spec, 0.01, null, runs);
}
