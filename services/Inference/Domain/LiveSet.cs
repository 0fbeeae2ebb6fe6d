namespace Platform.Inference.Domain;

/// <summary>When a promoted version may be announced live: every live replica serves it.</summary>
public static class LiveSet
{
    /// <summary>
    /// True when at least one replica is live and each live one serves the version. Replicas that
    /// stopped heartbeating are not waited for; a replica serving it that is no longer live does not count.
    /// </summary>
    public static bool EveryLiveReplicaServes(IReadOnlyCollection<Guid> liveReplicas, IEnumerable<Guid> serving)
    {
        if (liveReplicas.Count == 0) return false;
        var servers = serving.ToHashSet();
        return liveReplicas.All(servers.Contains);
    }
}
