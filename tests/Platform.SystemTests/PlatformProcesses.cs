namespace Platform.SystemTests;

/// <summary>The processes started for one test platform (<see cref="Demo.PlatformProcesses"/> over its data folder).</summary>
public static class PlatformProcesses
{
    public static IReadOnlyList<Demo.PlatformProcesses.Process> Of(PlatformFixture platform) => Demo.PlatformProcesses.Of(platform.DataDirectory);

    /// <summary>A service's own processes (its executable is <c>Platform.{Service}</c>).</summary>
    public static int[] OfService(PlatformFixture platform, string service) => Demo.PlatformProcesses.OfService(platform.DataDirectory, service);
}
