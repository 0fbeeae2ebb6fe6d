using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary>
/// Reads the depth of this service's error queues every <see cref="ErrorQueueSettings.PollInterval"/>
/// for the <c>platform.messaging.error_queue.depth</c> gauge: the gauge reads the last values at
/// export time rather than asking the broker from inside the metrics pipeline.
/// </summary>
internal sealed partial class ErrorQueueDepthPoller(
    IBus bus, ServiceQueues queues, ErrorQueueBroker broker, IOptions<MessagingOptions> options, ILogger<ErrorQueueDepthPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The bus's configuration is what fills the list of queues: it must exist before the first poll.
        _ = bus.Address;
        using var timer = new PeriodicTimer(options.Value.ErrorQueues.PollInterval);
        try
        {
            do
            {
                foreach (var queue in queues.Durable)
                {
                    try
                    {
                        MessagingTelemetry.RecordErrorQueueDepth(queue.ErrorQueue, await broker.DepthAsync(queue.ErrorQueue, stoppingToken));
                    }
                    catch (ErrorQueueException ex)
                    {
                        LogPollFailed(queue.ErrorQueue, ex.Message); // the last value stands until the broker answers again
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the depth of {ErrorQueue}: {Reason}")]
    private partial void LogPollFailed(string errorQueue, string reason);
}
