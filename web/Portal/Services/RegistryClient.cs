using System.Net.Http.Json;
using Platform.Contracts.Solutions;

namespace Platform.Portal.Services;

/// <summary>The registry's public API as the portal uses it.</summary>
public sealed class RegistryClient(HttpClient http)
{
    public async Task<IReadOnlyList<SolutionTemplate>> SolutionsAsync(CancellationToken ct = default) =>
        await http.GetFromJsonAsync<SolutionTemplate[]>("/api/solutions", ct) ?? [];
}
