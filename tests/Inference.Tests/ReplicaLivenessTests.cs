using Platform.Inference.Domain;

namespace Platform.Inference.Tests;

public sealed class ReplicaLivenessTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    [Fact]
    public void A_version_is_live_only_once_every_live_replica_serves_it()
    {
        Assert.False(LiveSet.EveryLiveReplicaServes([A, B], [A]));
        Assert.True(LiveSet.EveryLiveReplicaServes([A, B], [A, B]));
        // A replica that stopped heartbeating is not waited for; one serving it but no longer live does not count.
        Assert.True(LiveSet.EveryLiveReplicaServes([A], [A, C]));
        Assert.False(LiveSet.EveryLiveReplicaServes([], [A]));
    }

    [Fact]
    public void Promotions_are_ordered_by_their_event_ids_creation_time_the_same_on_every_replica()
    {
        var earlier = Guid.CreateVersion7(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        var later = Guid.CreateVersion7(new DateTimeOffset(2026, 12, 2, 10, 0, 0, 1, TimeSpan.Zero));

        Assert.True(PromotionOrder.Of(later) > PromotionOrder.Of(earlier));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), PromotionOrder.Of(earlier));
        Assert.Equal(0, PromotionOrder.Of(Guid.NewGuid()));
        Assert.Equal(0, PromotionOrder.Of(null));
    }
}
