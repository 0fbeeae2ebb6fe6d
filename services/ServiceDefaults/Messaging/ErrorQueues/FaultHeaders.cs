using System.Globalization;
using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary>
/// Reads the headers MassTransit writes on a message it moves to an error queue (<c>MT-Fault-*</c>,
/// <c>MT-Reason</c>), and clears them for a re-drive: the message goes back as it was first sent,
/// with a fresh redelivery count, and a count of its re-drives so a second failure shows it was tried again.
/// </summary>
public static class FaultHeaders
{
    public const string RedriveCount = "Platform-Redrive-Count";

    // Written about a failed delivery, by MassTransit (fault, host) and by the broker (dead-lettering):
    // they describe the last failure, not the message, and a re-driven message starts without them.
    private static readonly string[] FailurePrefixes = ["MT-Fault-", "MT-Host-", "x-death", "x-first-death-", "x-last-death-"];
    private static readonly string[] FailureHeaders = [MessageHeaders.Reason, MessageHeaders.RedeliveryCount, Constants.PublishSequenceNumberHeader];

    public static FaultedMessage Describe(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body)
    {
        var headers = properties.Headers;
        return new FaultedMessage(
            properties.MessageId,
            properties.CorrelationId,
            Text(headers, MessageHeaders.FaultMessageType) ?? EnvelopeMessageType(body),
            Text(headers, MessageHeaders.FaultExceptionType),
            Text(headers, MessageHeaders.FaultMessage),
            Timestamp(headers, MessageHeaders.FaultTimestamp),
            Number(headers, MessageHeaders.RedeliveryCount),
            Number(headers, RedriveCount));
    }

    /// <summary>The headers a re-driven message is published with.</summary>
    public static Dictionary<string, object?> ForRedrive(IDictionary<string, object?>? headers)
    {
        var kept = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in headers ?? new Dictionary<string, object?>())
        {
            if (FailureHeaders.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
            if (FailurePrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))) continue;
            kept[key] = value;
        }
        kept[RedriveCount] = Number(headers, RedriveCount) + 1;
        return kept;
    }

    private static string? Text(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value) ? value switch
        {
            null => null,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        } : null;

    private static int Number(IDictionary<string, object?>? headers, string key) =>
        int.TryParse(Text(headers, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static DateTimeOffset? Timestamp(IDictionary<string, object?>? headers, string key) =>
        DateTimeOffset.TryParse(Text(headers, key), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>
    /// MassTransit's JSON envelope names the message's types, most specific first
    /// (<c>urn:message:Namespace:Type</c>): written as the fault header writes it, <c>Namespace.Type</c>.
    /// </summary>
    private static string? EnvelopeMessageType(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var envelope = JsonDocument.ParseValue(ref reader);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()?.Replace("urn:message:", "", StringComparison.Ordinal).Replace(':', '.')
                : null;
        }
        catch (JsonException)
        {
            return null; // not an envelope: the headers are all there is
        }
    }
}
