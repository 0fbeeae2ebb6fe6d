using Platform.Registry.Domain;

namespace Platform.Registry.Tests;

public sealed class RunEpochTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_epoch_is_kept_and_becomes_the_runs_latest()
    {
        var run = TrainingRun();

        var epoch = run.RecordEpoch(3, trainLoss: 0.61, validationLoss: 0.64, validationAuc: 0.81, Now);

        Assert.Equal((run.TenantId, run.Id, 3, 0.61, 0.64, 0.81, Now),
            (epoch.TenantId, epoch.RunId, epoch.Epoch, epoch.TrainLoss, epoch.ValidationLoss, epoch.ValidationAuc, epoch.RecordedAt));
        Assert.Equal((3, 0.81, Now), (run.Epoch, run.ValidationAuc, run.UpdatedAt));
    }

    [Fact]
    public void An_epoch_arriving_late_is_kept_but_does_not_move_the_run_back()
    {
        var run = TrainingRun();
        run.RecordEpoch(5, 0.50, 0.55, 0.84, Now);

        var late = run.RecordEpoch(4, 0.52, 0.56, 0.83, Now.AddSeconds(1));

        Assert.Equal(4, late.Epoch);
        Assert.Equal((5, 0.84, Now), (run.Epoch, run.ValidationAuc, run.UpdatedAt));
    }

    [Theory]
    [InlineData(RunState.Compressing)]
    [InlineData(RunState.Promoted)]
    [InlineData(RunState.Failed)]
    public void An_epoch_overtaken_by_the_runs_outcome_is_still_history_but_the_run_stays_as_it_ended(RunState state)
    {
        var run = TrainingRun();
        run.RecordEpoch(2, 0.6, 0.6, 0.8, Now);
        run.State = state;

        var late = run.RecordEpoch(3, 0.5, 0.5, 0.9, Now.AddSeconds(1));

        Assert.Equal((run.Id, 3, 0.9), (late.RunId, late.Epoch, late.ValidationAuc));
        Assert.Equal((2, 0.8, Now), (run.Epoch, run.ValidationAuc, run.UpdatedAt));
    }

    private static PipelineRun TrainingRun() => new()
    {
        TenantId = Guid.CreateVersion7(),
        DeploymentId = Guid.CreateVersion7(),
        DatasetVersionId = Guid.CreateVersion7(),
        Trigger = DeploymentPipeline.TriggerNewData,
        State = RunState.Training,
        StartedAt = Now.AddMinutes(-1),
        UpdatedAt = Now.AddMinutes(-1),
    };
}
