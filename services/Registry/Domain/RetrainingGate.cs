namespace Platform.Registry.Domain;

/// <summary>
/// Whether a trigger starts a retraining: the policy must enable it, the deployment must be serving
/// a champion with no run in progress, no episode may be in flight, and the cooldown since the last
/// episode started must have passed. A refusal says why, for the log.
/// </summary>
public static class RetrainingGate
{
    /// <summary>An in-flight episode with no step for this long is taken for lost (a message in an error queue).</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Why an open episode should be given up when a new trigger arrives: one waiting for labels
    /// longer than the cooldown (the labels are not coming), or one in flight with no progress for
    /// <see cref="StallTimeout"/>. Null when it is still live.
    /// </summary>
    public static string? Expired(RetrainingPolicy policy, RetrainingEpisode? episode, DateTimeOffset now)
    {
        if (episode is null || !episode.IsOpen) return null;
        if (episode.State == EpisodeState.AwaitingFeedback)
            return now - episode.StartedAt > TimeSpan.FromSeconds(policy.CooldownSeconds)
                ? $"fewer than {policy.MinLabelledRows} labelled rows arrived within the cooldown ({policy.CooldownSeconds} s)"
                : null;
        return now - episode.UpdatedAt > StallTimeout ? $"no progress for {StallTimeout.TotalMinutes:F0} minutes in {episode.State}" : null;
    }

    public static string? Refuse(RetrainingPolicy policy, Deployment deployment, RetrainingEpisode? latest, string trigger, DateTimeOffset now)
    {
        var enabled = trigger switch
        {
            RetrainingEpisode.TriggerDrift => policy.OnDrift,
            RetrainingEpisode.TriggerQualityDrop => policy.OnQualityDrop,
            RetrainingEpisode.TriggerNewData => policy.OnNewData,
            _ => false,
        };
        if (!enabled) return $"the policy does not retrain on {trigger}";
        if (deployment.ChampionVersionId is null || deployment.State != DeploymentState.Serving) return "the deployment serves no champion yet";
        if (deployment.ActiveRunId is not null) return "a run is in progress";
        if (latest is { IsInFlight: true }) return $"retraining {latest.Id} is in flight";
        if (latest is { IsOpen: true }) return $"retraining {latest.Id} is waiting for labelled rows";
        if (latest is not null && now - latest.StartedAt < TimeSpan.FromSeconds(policy.CooldownSeconds))
            return $"cooling down until {latest.StartedAt.AddSeconds(policy.CooldownSeconds):O}";
        return null;
    }
}
