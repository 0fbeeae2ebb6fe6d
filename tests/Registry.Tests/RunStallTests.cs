using Microsoft.Extensions.Time.Testing;
using Platform.Registry.Domain;
using Platform.Registry.Extensions;

namespace Platform.Registry.Tests;

/// <summary>When the watchdog gives up a run, and the reason it gives, as time passes on a fake clock.</summary>
public sealed class RunStallTests
{
    private static readonly RunWatchdogOptions Limits = new()
    {
        TrainingStalledAfter = TimeSpan.FromMinutes(30),
        CompressionStalledAfter = TimeSpan.FromMinutes(15),
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    private string? Reason(PipelineRun run) => RunStall.Reason(run, Limits, _clock.GetUtcNow());

    [Fact]
    public void A_training_that_never_reports_an_epoch_stalls_at_the_limit_counted_from_its_request()
    {
        var run = StartRun();

        _clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Null(Reason(run));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Stalled: no progress for 30 min since the training was requested at 2026-12-02 08:00:00Z", Reason(run));
    }

    [Fact]
    public void Each_further_epoch_moves_the_limit_and_the_reason_names_the_last_one()
    {
        var run = StartRun();
        _clock.Advance(TimeSpan.FromMinutes(20));
        run.RecordEpoch(1, 0.7, 0.7, 0.70, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(20));
        run.RecordEpoch(2, 0.6, 0.6, 0.75, _clock.GetUtcNow());
        run.RecordEpoch(3, 0.5, 0.5, 0.80, _clock.GetUtcNow().AddSeconds(5));

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Null(Reason(run)); // 49 minutes since the start, but progress 29 minutes ago

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        Assert.Equal("Stalled: no progress for 30 min since epoch 3 at 2026-12-02 08:40:05Z", Reason(run));
    }

    [Fact]
    public void Epochs_reported_again_are_no_progress_so_a_training_that_crashes_at_the_same_point_still_stalls()
    {
        var run = StartRun();
        run.RecordEpoch(1, 0.7, 0.7, 0.7, _clock.GetUtcNow());
        run.RecordEpoch(2, 0.6, 0.6, 0.8, _clock.GetUtcNow());

        // The worker dies and the command is redelivered: epochs 1 and 2 are reported again, every ten minutes.
        for (var restart = 0; restart < 3; restart++)
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            run.RecordEpoch(1, 0.7, 0.7, 0.7, _clock.GetUtcNow());
            run.RecordEpoch(2, 0.6, 0.6, 0.8, _clock.GetUtcNow());
        }

        Assert.Equal("Stalled: no progress for 30 min since epoch 2 at 2026-12-02 08:00:00Z", Reason(run));
    }

    [Fact]
    public void A_compression_has_its_own_limit_counted_from_the_trained_model()
    {
        var run = StartRun();
        _clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(run.Advance(RunState.Training, RunState.Compressing, _clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Null(Reason(run));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Stalled: no progress for 15 min since compression was requested at 2026-12-02 08:25:00Z", Reason(run));
    }

    [Theory]
    [InlineData(RunState.Promoted)]
    [InlineData(RunState.Rejected)]
    [InlineData(RunState.Failed)]
    public void A_finished_run_never_stalls(RunState state)
    {
        var run = StartRun();
        run.State = state;

        _clock.Advance(TimeSpan.FromDays(30));

        Assert.Null(Reason(run));
    }

    [Fact]
    public void A_short_limit_is_said_in_seconds()
    {
        var run = StartRun();
        var limits = new RunWatchdogOptions { TrainingStalledAfter = TimeSpan.FromSeconds(8) };

        _clock.Advance(TimeSpan.FromSeconds(8));

        Assert.Equal("Stalled: no progress for 8 s since the training was requested at 2026-12-02 08:00:00Z", RunStall.Reason(run, limits, _clock.GetUtcNow()));
        Assert.Equal("90 s", RunStall.Describe(TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public void A_treatment_unanswered_stalls_at_the_compression_limit_and_so_never_holds_the_deployment()
    {
        var run = StartRun(treating: true);

        _clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Null(Reason(run));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Stalled: no progress for 15 min since the treatment of its personal data was requested at 2026-12-02 08:00:00Z", Reason(run));
    }

    private PipelineRun StartRun(bool treating = false)
    {
        var tenant = Guid.CreateVersion7();
        var deployment = new Deployment
        {
            TenantId = tenant,
            Name = "credit",
            Solution = "finance-credit-risk",
            DatasetName = "credit",
            Spec = new SpecColumns { TargetColumn = "Status", PositiveClass = "bad", Task = "binary" },
            State = DeploymentState.AwaitingData,
        };
        var dataset = new RegisteredDatasetVersion
        {
            TenantId = tenant, DatasetName = "credit", DatasetVersionId = Guid.CreateVersion7(), Sha256 = new string('a', 64), Uri = "artifact://sha256/aa",
        };
        return deployment.StartRun(dataset, DeploymentPipeline.TriggerNewData, _clock.GetUtcNow(), treating: treating)!;
    }
}
