using Platform.AppHost.Infrastructure;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// Operations tests: a platform of their own whose registry gives up a training after
/// <see cref="TrainingStalledAfter"/> without progress (30 minutes by default), looking every second,
/// so a stalled run ends within the test. The AppHost hands the settings to the registry.
/// </summary>
public sealed class OperationsFixture : PlatformFixture
{
    public static readonly TimeSpan TrainingStalledAfter = TimeSpan.FromSeconds(8);

    protected override string[] ExtraArguments =>
    [
        $"--{ServiceConfiguration.Section}:{ResourceNames.Registry}:Runs:TrainingStalledAfter={TrainingStalledAfter:c}",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Registry}:Runs:CheckInterval=00:00:01",
    ];
}

[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<OperationsFixture>
{
    public const string Name = "operations";
}
