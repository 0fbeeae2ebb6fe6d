using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace Platform.Portal.Tests;

/// <summary>A component rendered to HTML, as a browser test would find it, without a browser.</summary>
internal static class ComponentHtml
{
    public static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var services = new ServiceCollection().AddLogging().AddMudServices().AddSingleton<IJSRuntime, NoJavaScript>().AddSingleton<NavigationManager, FixedNavigation>().BuildServiceProvider();
        await using var _ = services;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            // Decoded as a browser reads it: the encoder writes − as &#x2212;.
            WebUtility.HtmlDecode((await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString()));
    }

    public static int Count(string html, string text)
    {
        var count = 0;
        for (var i = html.IndexOf(text, StringComparison.Ordinal); i >= 0; i = html.IndexOf(text, i + text.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    // Static HTML runs no script: the library's components only need the service to exist.
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedNavigation : NavigationManager
    {
        public FixedNavigation() => Initialize("http://portal/", "http://portal/deployments/diabetes");
    }
}
