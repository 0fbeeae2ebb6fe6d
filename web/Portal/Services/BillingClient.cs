using System.Globalization;
using Platform.Portal.Services.Models;

namespace Platform.Portal.Services;

/// <summary>Billing's API as the portal uses it: the signed-in tenant's usage and invoice only.</summary>
public sealed class BillingClient(HttpClient http, SignedInTenant tenant)
{
    public async Task<PlanInfo[]> PlansAsync(CancellationToken ct = default) =>
        await http.SendAsync<PlanInfo[]>(HttpMethod.Get, "/api/plans", null, null, ct);

    public async Task<InvoicePreview> InvoicePreviewAsync(CancellationToken ct = default)
    {
        var id = await tenant.IdAsync();
        return await http.SendAsync<InvoicePreview>(HttpMethod.Get, $"/api/tenants/{id}/invoices/preview", id, null, ct);
    }

    /// <summary>Predictions per bucket (minute, hour or day) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<UsageSeries> SeriesAsync(string bucket, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var id = await tenant.IdAsync();
        var query = $"bucket={bucket}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        return await http.SendAsync<UsageSeries>(HttpMethod.Get, $"/api/tenants/{id}/usage/series?{query}", id, null, ct);
    }
}
