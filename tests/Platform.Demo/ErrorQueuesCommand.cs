using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Demo;

/// <summary>
/// <c>./platform errors</c>: every service's error queues that hold messages, with their reasons;
/// <c>./platform redrive &lt;queue|all&gt; [--count N]</c>: moves them back to their queues after a fix.
/// </summary>
public static class ErrorQueuesCommand
{
    public const string Usage =
        "usage: Platform.Demo errors --endpoints <endpoints.json> [--peek N] | Platform.Demo redrive <queue|all> --endpoints <endpoints.json> [--count N]";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "errors" or "redrive";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        string? endpoints = null, target = null;
        int? count = null, peek = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--endpoints" when i + 1 < args.Length: endpoints = args[++i]; break;
                case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--peek" when i + 1 < args.Length: peek = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: target ??= args[i]; break;
            }
        }
        if (endpoints is null || (args[0] == "redrive" && target is null)) throw new ArgumentException(Usage);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var client = new OperatorClient(PlatformEndpoints.Load(endpoints), http, DemoOptions.OperatorSecretBeside(endpoints));
        return args[0] == "errors"
            ? await ListAsync(client, peek, output)
            : await RedriveAsync(client, target!, count, output);
    }

    private static async Task<int> ListAsync(OperatorClient client, int? peek, TextWriter output)
    {
        long total = 0, queues = 0, withMessages = 0;
        foreach (var service in client.Services)
        {
            foreach (var queue in (await client.ErrorQueuesAsync(service, peek, CancellationToken.None))["queues"]!.AsArray())
            {
                queues++;
                var messages = queue!["messages"]!.GetValue<long>();
                if (messages == 0) continue;
                total += messages;
                withMessages++;
                output.WriteLine($"{service,-12} {queue["errorQueue"]!.GetValue<string>(),-48} {messages,6}");
                foreach (var reason in queue["reasons"]!.AsArray())
                    output.WriteLine($"{"",-12}   {reason!["count"]!.GetValue<int>(),4} × {reason["exceptionType"]!.GetValue<string>()}: {Shorten(reason["example"]!.GetValue<string>())}");
            }
        }
        output.WriteLine(total == 0
            ? $"No message in any of {queues} error queues."
            : $"{total} messages in {withMessages} of {queues} error queues; after a fix, ./platform redrive <queue|all> moves them back.");
        return 0;
    }

    private static async Task<int> RedriveAsync(OperatorClient client, string target, int? count, TextWriter output)
    {
        var moves = new List<(string Service, string Queue)>();
        if (target == "all")
        {
            foreach (var service in client.Services)
                foreach (var queue in (await client.ErrorQueuesAsync(service, 0, CancellationToken.None))["queues"]!.AsArray())
                    if (queue!["messages"]!.GetValue<long>() > 0) moves.Add((service, queue["queue"]!.GetValue<string>()));
        }
        else
        {
            var owner = await client.OwnerOfAsync(target, CancellationToken.None);
            if (owner is null)
            {
                output.WriteLine($"No service consumes from a queue named {target} (./platform errors lists them).");
                return 1;
            }
            moves.Add((owner, target));
        }

        var moved = 0;
        foreach (var (service, queue) in moves)
        {
            var result = await client.RedriveAsync(service, queue, count, CancellationToken.None);
            moved += result["moved"]!.GetValue<int>();
            output.WriteLine($"{service,-12} {result["queue"]!.GetValue<string>(),-48} moved {result["moved"]!.GetValue<int>(),6}, {result["remaining"]!.GetValue<long>()} left in {result["errorQueue"]!.GetValue<string>()}");
        }
        output.WriteLine($"{moved} messages moved back to {moves.Count} queues.");
        return 0;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
