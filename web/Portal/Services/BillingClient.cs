using System.Globalization;
using Platform.Portal.Services.Models;

namespace Platform.Portal.Services;

/// <summary>Billing's API as the portal uses it: the signed-in member's organization's usage, invoice and plan.</summary>
public sealed class BillingClient(HttpClient http, UserAccessToken token)
{
    public async Task<PlanInfo[]> PlansAsync(CancellationToken ct = default) =>
        await http.SendAsync<PlanInfo[]>(HttpMethod.Get, "/api/plans", await token.GetAsync(ct), null, ct);

    /// <summary>The price list before anyone signs in (the sign-up page): with the portal's own token, not a member's.</summary>
    public async Task<PlanInfo[]> PlansAsync(PortalServiceToken portal, CancellationToken ct = default) =>
        await http.SendAsync<PlanInfo[]>(HttpMethod.Get, "/api/plans", await portal.GetAsync(ct), null, ct);

    public async Task<PlanInfo> PlanAsync(CancellationToken ct = default) =>
        await http.SendAsync<PlanInfo>(HttpMethod.Get, "/api/plan", await token.GetAsync(ct), null, ct);

    /// <summary>Admins only (the service refuses others with 403).</summary>
    public async Task<PlanInfo> ChangePlanAsync(string plan, CancellationToken ct = default) =>
        await http.SendAsync<PlanInfo>(HttpMethod.Put, "/api/plan", await token.GetAsync(ct), System.Net.Http.Json.JsonContent.Create(new { plan }), ct);

    public async Task<InvoicePreview> InvoicePreviewAsync(CancellationToken ct = default) =>
        await http.SendAsync<InvoicePreview>(HttpMethod.Get, "/api/invoices/preview", await token.GetAsync(ct), null, ct);

    /// <summary>Predictions per bucket (minute, hour or day) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<UsageSeries> SeriesAsync(string bucket, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var query = $"bucket={bucket}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        return await http.SendAsync<UsageSeries>(HttpMethod.Get, $"/api/usage/series?{query}", await token.GetAsync(ct), null, ct);
    }
}
