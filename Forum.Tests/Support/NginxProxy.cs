using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Forum.Tests.Support;

/// <summary>
/// Debian's nginx in front of one or more forum nodes (round-robin), in the foreground with its own temporary
/// configuration, pid and log files, on loopback: a plain listener and a TLS one (a self-signed certificate made here).
/// Its site is the README's: X-Forwarded-For is set to the address nginx saw, never appended to what the client sent.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly ServerProcess _process;
    private readonly TempDirectory _directory;

    private NginxProxy(ServerProcess process, TempDirectory directory, Uri http, Uri https)
    {
        _process = process;
        _directory = directory;
        Http = http;
        Https = https;
    }

    public Uri Http { get; }

    public Uri Https { get; }

    public static async Task<NginxProxy> StartAsync(params Uri[] upstreams)
    {
        var directory = new TempDirectory();
        var http = SmtpTestServer.FreePort();
        var https = SmtpTestServer.FreePort();
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(Path.Combine(directory.Path, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(directory.Path, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        var servers = string.Concat(upstreams.Select(u => $"        server {u.Authority};\n"));
        // As root, the workers would otherwise become "nobody" and could not write the temp folders made here.
        var user = Environment.UserName == "root" ? "user root;" : "";
        var location = """
                    proxy_pass http://forum;
                    proxy_http_version 1.1;
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Proto $scheme;
            """;
        var d = directory.Path;
        var config = $$"""
            {{user}}
            worker_processes 1;
            daemon off;
            pid {{d}}/nginx.pid;
            error_log {{d}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log {{d}}/access.log;
                client_body_temp_path {{d}}/body;
                proxy_temp_path {{d}}/proxy;
                fastcgi_temp_path {{d}}/fastcgi;
                uwsgi_temp_path {{d}}/uwsgi;
                scgi_temp_path {{d}}/scgi;
                client_max_body_size 50m;
                upstream forum {
            {{servers}}        keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{http}};
                    location / {
            {{location}}
                    }
                }
                server {
                    listen 127.0.0.1:{{https}} ssl;
                    ssl_certificate {{d}}/cert.pem;
                    ssl_certificate_key {{d}}/key.pem;
                    location / {
            {{location}}
                    }
                }
            }
            """;
        var file = Path.Combine(directory.Path, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var process = ServerProcess.Start(NginxPath, ["-p", directory.Path, "-e", Path.Combine(directory.Path, "error.log"), "-c", file]);
        var proxy = new NginxProxy(process, directory,
            new Uri("http://127.0.0.1:" + http.ToString(CultureInfo.InvariantCulture)),
            new Uri("https://127.0.0.1:" + https.ToString(CultureInfo.InvariantCulture)));
        await process.WaitForAsync(proxy.Http + "healthz");
        return proxy;
    }

    /// <summary>
    /// A browser-like client (cookies, no automatic redirects) whose connections come from <paramref name="source"/>,
    /// one of the loopback addresses (127.0.0.2, 127.0.0.3, …), so that one machine plays several clients.
    /// </summary>
    public static HttpClient Client(Uri baseAddress, string source, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = baseAddress,
        };

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
