using System;
using System.Diagnostics;
using System.Text;
using NanoTcp.Firmware;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Sockets.Tests.Harness
{
    /// <summary>
    /// The firmware's <see cref="HttpStatusServer"/> on the server side of a <see cref="PumpPair"/>, and a raw
    /// client that sends bytes and collects everything until the server closes.
    /// </summary>
    public sealed class HttpHarness : IDisposable
    {
        public const int Port = 80;

        public HttpHarness(Action<FirmwareSettings> configure = null)
        {
            Pair = new PumpPair();
            Settings = new FirmwareSettings
            {
                HostName = "testboard",
                IpAddress = PumpPair.ServerAddress.ToUInt32(),
                HttpRequestTimeoutMs = 600,
                HttpLingerMs = 300,
                HttpMaxRequestLine = 256,
                HttpMaxHeaderBytes = 1024,
            };
            configure?.Invoke(Settings);
            Listeners = new ListenerTable(5);
            Server = new HttpStatusServer(Pair.Server, Settings, new TestPlatform(), Pair.Cable.EndA, Listeners);
            Server.Start();
        }

        public PumpPair Pair { get; }
        public FirmwareSettings Settings { get; }
        public ListenerTable Listeners { get; }
        public HttpStatusServer Server { get; }

        public TcpClient Connect()
        {
            var client = new TcpClient(Pair.Client) { SendTimeout = 5000, ReceiveTimeout = 5000 };
            client.Connect(PumpPair.ServerAddress, Port);
            return client;
        }

        /// <summary>Sends <paramref name="request"/> and returns all bytes until the server closes (bounded).</summary>
        public string Exchange(string request, out int clientPort, int maxMs = 10000)
        {
            TcpClient client = Connect();
            clientPort = LocalPort(client);
            byte[] bytes = Encoding.Latin1.GetBytes(request);
            client.Send(bytes, 0, bytes.Length, 5000);
            string text = ReadToEnd(client, maxMs);
            client.Close();
            return text;
        }

        public string Exchange(string request, int maxMs = 10000) => Exchange(request, out _, maxMs);

        /// <summary>Everything until end of stream (or reset), at most <paramref name="maxMs"/>.</summary>
        public static string ReadToEnd(TcpClient client, int maxMs)
        {
            var all = new StringBuilder();
            var buffer = new byte[4096];
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < maxMs)
            {
                int n = client.Receive(buffer, 0, buffer.Length, 200);
                if (n == TcpError.WouldBlock) continue;
                if (n <= 0) return all.ToString();
                all.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
            throw new TimeoutException("the server did not close within " + maxMs + " ms; got: " + all);
        }

        /// <summary>The client's local port, from its stack's connection table.</summary>
        public int LocalPort(TcpClient client)
        {
            var info = new TcpConnectionInfo();
            lock (Pair.Client.SyncRoot)
            {
                for (int slot = 0; slot < Pair.Client.Stack.ConnectionSlotCount; slot++)
                    if (Pair.Client.Stack.GetConnectionInfo(slot, info) && info.Handle == client.Handle) return info.LocalPort;
            }
            return -1;
        }

        /// <summary>Server connections in a state other than TIME-WAIT (held slots), counted under the lock.</summary>
        public int ServerConnectionsHeld()
        {
            var info = new TcpConnectionInfo();
            int held = 0;
            lock (Pair.Server.SyncRoot)
            {
                for (int slot = 0; slot < Pair.Server.Stack.ConnectionSlotCount; slot++)
                    if (Pair.Server.Stack.GetConnectionInfo(slot, info) && info.State != TcpState.TimeWait) held++;
            }
            return held;
        }

        public void Dispose()
        {
            Server.Stop();
            Pair.Dispose();
        }
    }
}
