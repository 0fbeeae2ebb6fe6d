using Platform.Registry.Domain;

namespace Platform.Registry.Tests;

public sealed class RetrainingGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_serving_deployment_without_episodes_retrains_on_drift() =>
        Assert.Null(RetrainingGate.Refuse(new RetrainingPolicy(), Serving(), null, RetrainingEpisode.TriggerDrift, Now));

    [Fact]
    public void The_cooldown_since_the_last_episode_started_is_honoured()
    {
        var policy = new RetrainingPolicy { CooldownSeconds = 600 };
        var last = Episode(EpisodeState.Rejected, startedAt: Now.AddSeconds(-599));

        Assert.Contains("cooling down", RetrainingGate.Refuse(policy, Serving(), last, RetrainingEpisode.TriggerDrift, Now));
        Assert.Null(RetrainingGate.Refuse(policy, Serving(), Episode(EpisodeState.Rejected, startedAt: Now.AddSeconds(-600)), RetrainingEpisode.TriggerDrift, Now));
    }

    [Theory]
    [InlineData(EpisodeState.DerivingData)]
    [InlineData(EpisodeState.Training)]
    [InlineData(EpisodeState.Compressing)]
    [InlineData(EpisodeState.AwaitingFeedback)]
    public void A_trigger_while_a_retraining_is_open_starts_nothing(EpisodeState state)
    {
        var policy = new RetrainingPolicy { CooldownSeconds = 0 };
        Assert.NotNull(RetrainingGate.Refuse(policy, Serving(), Episode(state, Now.AddHours(-5)), RetrainingEpisode.TriggerQualityDrop, Now));
    }

    [Fact]
    public void A_trigger_the_policy_turned_off_starts_nothing()
    {
        var policy = new RetrainingPolicy { OnDrift = false };
        Assert.Contains("does not retrain on drift", RetrainingGate.Refuse(policy, Serving(), null, RetrainingEpisode.TriggerDrift, Now));
        Assert.Null(RetrainingGate.Refuse(policy, Serving(), null, RetrainingEpisode.TriggerNewData, Now));
    }

    [Fact]
    public void A_deployment_still_building_its_first_model_is_not_retrained()
    {
        var building = Serving();
        building.State = DeploymentState.Building;
        Assert.NotNull(RetrainingGate.Refuse(new RetrainingPolicy(), building, null, RetrainingEpisode.TriggerNewData, Now));
    }

    [Fact]
    public void An_episode_waiting_for_labels_longer_than_the_cooldown_is_given_up()
    {
        var policy = new RetrainingPolicy { CooldownSeconds = 600 };
        Assert.Null(RetrainingGate.Expired(policy, Episode(EpisodeState.AwaitingFeedback, Now.AddSeconds(-600)), Now));
        Assert.Contains("labelled rows", RetrainingGate.Expired(policy, Episode(EpisodeState.AwaitingFeedback, Now.AddSeconds(-601)), Now));
    }

    [Fact]
    public void An_episode_in_flight_is_given_up_only_after_no_progress_for_the_stall_timeout()
    {
        var policy = new RetrainingPolicy();
        var training = Episode(EpisodeState.Training, Now.AddHours(-2));
        training.UpdatedAt = Now - RetrainingGate.StallTimeout + TimeSpan.FromSeconds(1);
        Assert.Null(RetrainingGate.Expired(policy, training, Now));
        training.UpdatedAt = Now - RetrainingGate.StallTimeout - TimeSpan.FromSeconds(1);
        Assert.Contains("no progress", RetrainingGate.Expired(policy, training, Now));
        Assert.Null(RetrainingGate.Expired(policy, Episode(EpisodeState.Rejected, Now.AddDays(-1)), Now)); // closed: nothing to give up
    }

    [Theory]
    [InlineData(0.80, 0.806, 0.005, true)]
    [InlineData(0.80, 0.805, 0.005, true)]
    [InlineData(0.80, 0.804, 0.005, false)]
    [InlineData(0.80, 0.70, 0.005, false)]
    [InlineData(0.80, 0.80, 0.0, true)]
    public void The_challenger_must_beat_the_champion_by_the_margin(double champion, double challenger, double margin, bool promote)
    {
        var (promoted, reason) = ChallengerDecision.Decide(champion, challenger, margin);
        Assert.Equal(promote, promoted);
        Assert.Contains(champion.ToString("F4"), reason);
    }

    [Fact]
    public void A_policy_out_of_range_names_each_bad_field()
    {
        var errors = new RetrainingPolicy { PsiThreshold = 0, WindowRows = 10, PromotionMargin = -1 }.Validate();
        Assert.Equal(["promotionMargin", "psiThreshold", "windowRows"], errors.Keys.Order());
        Assert.Empty(new RetrainingPolicy().Validate());
    }

    private static Deployment Serving() => new()
    {
        TenantId = Guid.CreateVersion7(),
        Name = "credit-risk",
        Solution = "finance-credit-risk",
        DatasetName = "credit",
        Spec = new SpecColumns { TargetColumn = "Status", PositiveClass = "bad", Task = SolutionCatalog.BinaryClassification, Seed = 42 },
        State = DeploymentState.Serving,
        ChampionVersionId = Guid.CreateVersion7(),
        CreatedAt = Now.AddDays(-1),
    };

    private static RetrainingEpisode Episode(EpisodeState state, DateTimeOffset startedAt) => new()
    {
        Trigger = RetrainingEpisode.TriggerDrift,
        State = state,
        StartedAt = startedAt,
    };
}
