using System.Collections.Concurrent;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>A queue this service consumes from, as MassTransit configured it.</summary>
public sealed record ServiceQueue(string Name, bool Temporary, RedeliverySchedule Redelivery)
{
    /// <summary>Where MassTransit moves the messages it gave up on (its default name).</summary>
    public string ErrorQueue => $"{Name}_error";
}

/// <summary>
/// The queues this service consumes from, recorded while MassTransit configures its endpoints: the
/// bus's own configuration is the list, so a consumer added tomorrow has its error queue listed and
/// measured tomorrow.
/// </summary>
public sealed class ServiceQueues(string service)
{
    /// <summary>The service's name, which begins each of its queues' names.</summary>
    public string Service { get; } = service;

    private readonly ConcurrentDictionary<string, ServiceQueue> _queues = new(StringComparer.Ordinal);

    public void Add(ServiceQueue queue) => _queues[queue.Name] = queue;

    /// <summary>The shared, durable queues, by name; a replica's temporary queues hold only its memory's view and go with it.</summary>
    public IReadOnlyList<ServiceQueue> Durable => _queues.Values.Where(q => !q.Temporary).OrderBy(q => q.Name, StringComparer.Ordinal).ToArray();

    /// <summary>A durable queue by its name or its error queue's name.</summary>
    public ServiceQueue? Find(string name) =>
        Durable.FirstOrDefault(q => q.Name == name || q.ErrorQueue == name);
}
