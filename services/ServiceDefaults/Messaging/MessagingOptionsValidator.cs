using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Messaging.ErrorQueues;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>Refuses, at start, pauses the broker cannot hold a message for, naming the setting.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var problems = new List<string>();
        void Check(IEnumerable<TimeSpan>? intervals, string setting)
        {
            if (intervals?.Any(i => !RedeliverySchedule.IsValidInterval(i)) == true)
                problems.Add($"{setting}: every pause must be more than 0 and at most {RedeliverySettings.MaxInterval:g}, in whole milliseconds.");
        }

        if (options.RetryIntervals?.Any(i => i < TimeSpan.Zero || i > RedeliverySettings.MaxInterval) == true)
            problems.Add($"{MessagingOptions.Section}:RetryIntervals: every pause must be 0 or more and at most {RedeliverySettings.MaxInterval:g}.");
        Check(options.Redelivery.Intervals, $"{MessagingOptions.Section}:Redelivery:Intervals");
        foreach (var (queue, settings) in options.Redelivery.Queues)
            Check(settings.Intervals, $"{MessagingOptions.Section}:Redelivery:Queues:{queue}:Intervals");
        if (options.ConcurrencyRetries < 0) problems.Add($"{MessagingOptions.Section}:ConcurrencyRetries must be 0 or more.");
        if (options.ErrorQueues.PollInterval <= TimeSpan.Zero) problems.Add($"{MessagingOptions.Section}:ErrorQueues:PollInterval must be positive.");
        if (options.ErrorQueues.Peek is < 0 or > ErrorQueueSettings.MaxPeek)
            problems.Add($"{MessagingOptions.Section}:ErrorQueues:Peek must be between 0 and {ErrorQueueSettings.MaxPeek}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
