namespace Platform.Inference.Extensions;

/// <summary>How replicas tell each other what they serve (<c>Inference:Replicas</c>; ADR 18).</summary>
public sealed class ReplicaOptions
{
    /// <summary>How often a replica writes its heartbeat and what it serves (also at once after it loads a model).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A replica whose heartbeat is older is not waited for: a crashed replica delays a deployment's
    /// "live" by this much at most. Several heartbeats, so one slow write does not drop a replica.
    /// </summary>
    public TimeSpan LiveTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
