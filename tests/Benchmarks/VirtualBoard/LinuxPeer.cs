using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using NanoTcp.VirtualBoard.Network;

namespace NanoTcp.VirtualBoard.Bench
{
    /// <summary>
    /// The ceiling: two namespaces joined by a veth pair, 192.0.2.1 (client side, A) and 192.0.2.2 (server side,
    /// B), where B runs what the board runs — a discard service (iperf -s), an echo service and a chargen-like
    /// sender — as Linux programs. Disposing stops them (iperf by its PID) and deletes both namespaces.
    /// </summary>
    internal sealed class LinuxPeer : IDisposable
    {
        public const int DiscardPort = 5001, EchoPort = 7, ChargenPort = 19;

        private readonly NetworkNamespace _server;
        private readonly Process _iperf;
        private readonly Socket _echo, _chargen;
        private volatile bool _stopping;

        public NetworkNamespace Client { get; }

        public LinuxPeer(string prefix)
        {
            Client = NetworkNamespace.Create(prefix + "-a");
            _server = NetworkNamespace.Create(prefix + "-b");
            Require(Shell.Ip("link", "add", "vetha", "netns", Client.Name, "type", "veth", "peer", "name", "vethb", "netns", _server.Name));
            Client.Ip("addr", "add", "192.0.2.1/24", "dev", "vetha");
            Client.Ip("link", "set", "vetha", "up");
            _server.Ip("addr", "add", "192.0.2.2/24", "dev", "vethb");
            _server.Ip("link", "set", "vethb", "up");
            var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "netns", "exec", _server.Name, "iperf", "-s", "-p", DiscardPort.ToString() }) psi.ArgumentList.Add(a);
            _iperf = Process.Start(psi);
            _iperf.OutputDataReceived += (_, _) => { };
            _iperf.ErrorDataReceived += (_, _) => { };
            _iperf.BeginOutputReadLine();
            _iperf.BeginErrorReadLine();
            _echo = Listen(EchoPort);
            _chargen = Listen(ChargenPort);
            Serve(_echo, Echo);
            Serve(_chargen, Chargen);
            Thread.Sleep(300); // iperf -s binds
        }

        private Socket Listen(int port)
        {
            Socket s;
            using (_server.Enter()) s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            s.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.2"), port));
            s.Listen(512);
            return s;
        }

        // Asynchronous accept and echo: no thread per connection, so the ceiling is the kernel's, not ours.
        private void Serve(Socket listener, Func<Socket, Task> handler)
        {
            _ = Task.Run(async () =>
            {
                while (!_stopping)
                {
                    Socket c;
                    try { c = await listener.AcceptAsync(); }
                    catch (Exception) { return; }
                    _ = HandleAsync(c, handler);
                }
            });
        }

        private static async Task HandleAsync(Socket c, Func<Socket, Task> handler)
        {
            try { await handler(c); }
            catch (Exception) { }
            finally { c.Dispose(); }
        }

        private static async Task Echo(Socket c)
        {
            var buf = new byte[65536];
            int n;
            while ((n = await c.ReceiveAsync(buf, SocketFlags.None)) > 0) await c.SendAsync(new ArraySegment<byte>(buf, 0, n), SocketFlags.None);
        }

        private async Task Chargen(Socket c)
        {
            var buf = new byte[65536];
            for (int i = 0; i < buf.Length; i++) buf[i] = (byte)(' ' + i % 95);
            while (!_stopping) await c.SendAsync(buf, SocketFlags.None);
        }

        private static void Require(Shell.Result r)
        {
            if (!r.Ok) throw new InvalidOperationException("ip failed: " + r.Error.Trim());
        }

        public void Dispose()
        {
            _stopping = true;
            _echo?.Dispose();
            _chargen?.Dispose();
            try
            {
                if (!_iperf.HasExited) _iperf.Kill(true);
                _iperf.WaitForExit(3000);
            }
            catch (InvalidOperationException)
            {
            }
            Client.Dispose();
            _server.Dispose();
        }
    }
}
