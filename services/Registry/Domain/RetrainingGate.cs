namespace Platform.Registry.Domain;

/// <summary>
/// Whether a trigger starts a retraining: the policy must enable it, the deployment must be serving
/// a champion with no run in progress, no episode may be in flight, and the cooldown since the last
/// episode started must have passed. A refusal says why, for the log.
/// </summary>
public static class RetrainingGate
{
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
