using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Platform.Benchmarks;

// Performance benchmarks, run in Release:
//   dotnet build tests/Benchmarks/Benchmarks.csproj -c Release
//   dotnet tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll --filter '*Psi*'
// Any BenchmarkDotNet switch works (--list flat, --filter '*EndToEnd*', --filter '*Serving*', ...).
// Reports go beside the binaries (bin/…/BenchmarkDotNet.Artifacts), not into the working directory.
var config = DefaultConfig.Instance
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(PsiBenchmarks).Assembly).Run(args, config);
