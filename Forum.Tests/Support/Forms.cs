using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Forum.Tests.Support;

/// <summary>
/// Submits a page's form the way a browser without JavaScript does: GET the page (which sets the antiforgery
/// cookie), take the form's hidden fields (handler name, antiforgery token, request id), fill in the visible ones, POST.
/// </summary>
public static class Forms
{
    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string url) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(url));

    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The form whose hidden "_handler" is <paramref name="formName"/>, or (for plain forms) whose action is it.</summary>
    public static IHtmlFormElement Find(IHtmlDocument document, string formName) =>
        document.Forms.FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null
                                           || f.GetAttribute("action") == formName)
        ?? throw new InvalidOperationException($"no form {formName} on the page:\n{document.Body?.TextContent}");

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, string formName, IDictionary<string, string?> fields)
    {
        var document = await GetDocumentAsync(client, url);
        return await SubmitAsync(client, url, Find(document, formName), fields);
    }

    /// <summary>Posts the form's hidden fields plus <paramref name="fields"/>; <paramref name="postTo"/> replays it elsewhere (a forged request).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, IHtmlFormElement form, IDictionary<string, string?> fields, string? postTo = null)
    {
        var values = form.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>()
            .ToDictionary(i => i.Name!, i => (string?)i.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = postTo ?? (form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl);
        var content = new FormUrlEncodedContent(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!)));
        return await client.PostAsync(action, content);
    }

    /// <summary>A file for <see cref="SubmitMultipartAsync"/>: the form field, the file's name, its declared type and its bytes.</summary>
    public sealed record Upload(string Field, string FileName, string ContentType, byte[] Bytes);

    /// <summary>Submits a form as multipart/form-data, as a browser does when the form has a file input.</summary>
    public static async Task<HttpResponseMessage> SubmitMultipartAsync(HttpClient client, string url, string formName, IDictionary<string, string?> fields, IEnumerable<Upload> files)
    {
        var form = Find(await GetDocumentAsync(client, url), formName);
        var values = form.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>()
            .ToDictionary(i => i.Name!, i => (string?)i.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in values.Where(v => v.Value is not null))
        {
            content.Add(new StringContent(value!), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return await client.PostAsync(action, content);
    }

    /// <summary>Where a redirect goes, as a local path and query (NavigateTo answers with absolute addresses).</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"no redirect: {(int)response.StatusCode}");
        return location.IsAbsoluteUri ? location.PathAndQuery + location.Fragment : location.OriginalString;
    }

    /// <summary>Signs the client in (demo password unless given) and returns it.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient client, string email, string password = "Demo-2026!")
    {
        var response = await SubmitAsync(client, "/account/sign-in", "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }
}
