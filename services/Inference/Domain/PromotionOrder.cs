namespace Platform.Inference.Domain;

/// <summary>
/// The order of a deployment's promotions, as every replica can tell it from the promotion alone:
/// the Unix milliseconds in the event's id, a UUIDv7 the registry's outbox created. The listener
/// (the message), the consumer (the message) and the synchronizer (the row's id of the promotion
/// applied) all get the same figure, so a stale read never replaces a newer model. An id that is
/// not a UUIDv7 orders before every one that is.
/// </summary>
public static class PromotionOrder
{
    public static long Of(Guid? promotionMessageId)
    {
        if (promotionMessageId is not { Version: 7 } id) return 0;
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (long)bytes[0] << 40 | (long)bytes[1] << 32 | (long)bytes[2] << 24 | (long)bytes[3] << 16 | (long)bytes[4] << 8 | bytes[5];
    }
}
