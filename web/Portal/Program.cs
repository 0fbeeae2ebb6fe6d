using Platform.Portal.Apis;
using Platform.Portal.Components;
using Platform.Portal.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPortal();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapTenantRegistrationApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
