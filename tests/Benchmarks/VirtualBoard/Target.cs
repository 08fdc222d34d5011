using System;
using System.Linq;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using NanoTcp.VirtualBoard.Network;

namespace NanoTcp.VirtualBoard.Bench
{
    /// <summary>
    /// One thing measured from a Linux namespace: the virtual board, or the far end of a veth pair. Every
    /// measurement runs on a thread that has entered the client namespace, so sockets are created without
    /// per-cycle setns costs.
    /// </summary>
    internal sealed class Target
    {
        public string Name;
        /// <summary>Namespace the Linux client runs in.</summary>
        public NetworkNamespace Client;
        /// <summary>The target's address as the client sees it.</summary>
        public IPAddress Address = IPAddress.Parse("192.0.2.2");
        public int DiscardPort, ChargenPort, EchoPort;

        /// <summary>iperf -c ADDRESS -p DiscardPort -t SECONDS: goodput in MiB/s.</summary>
        public double IperfToTarget(int seconds)
        {
            Shell.Result r = Client.Exec("iperf", new[] { "-c", Address.ToString(), "-p", DiscardPort.ToString(), "-t", seconds.ToString(), "-y", "C" }, (seconds + 30) * 1000);
            string[] lines = r.Output.Trim().Split('\n');
            string[] f = lines[lines.Length - 1].Split(',');
            if (f.Length < 9 || !double.TryParse(f[8], NumberStyles.Float, CultureInfo.InvariantCulture, out double bps))
                throw new InvalidOperationException(Name + ": iperf gave no result: " + r.Output + r.Error);
            return bps / 8 / 1048576;
        }

        /// <summary>Reads from the chargen-like sender for SECONDS: goodput in MiB/s.</summary>
        public double ReadFromTarget(int seconds)
        {
            return InNamespace(() =>
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                s.ReceiveTimeout = 5000;
                s.Connect(new IPEndPoint(Address, ChargenPort));
                var buf = new byte[65536];
                long bytes = 0;
                var clock = Stopwatch.StartNew();
                long end = seconds * 1000L;
                while (clock.ElapsedMilliseconds < end)
                {
                    int n = s.Receive(buf);
                    if (n <= 0) break;
                    bytes += n;
                }
                double elapsed = clock.Elapsed.TotalSeconds;
                s.LingerState = new LingerOption(true, 0); // the sender never stops on its own: reset
                return bytes / elapsed / 1048576;
            });
        }

        /// <summary>
        /// Accepts one connection on 192.0.2.1:<paramref name="port"/> in the client namespace after
        /// <paramref name="startSender"/> has told the target to connect, reads to the end: goodput in MiB/s
        /// from the first byte to the end of stream.
        /// </summary>
        public double ReceiveFromSender(int port, Action startSender)
        {
            return InNamespace(() =>
            {
                using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                listener.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.1"), port));
                listener.Listen(1);
                startSender();
                using var cts = new CancellationTokenSource(10000);
                using Socket s = listener.AcceptAsync(cts.Token).AsTask().GetAwaiter().GetResult();
                s.ReceiveTimeout = 10000;
                var buf = new byte[65536];
                long bytes = 0;
                Stopwatch clock = null;
                int n;
                while ((n = s.Receive(buf)) > 0)
                {
                    clock ??= Stopwatch.StartNew();
                    bytes += n;
                }
                return clock == null ? 0 : bytes / clock.Elapsed.TotalSeconds / 1048576;
            });
        }

        /// <summary>CYCLES connect+close against the echo port: (cycles per second, median handshake µs).</summary>
        public (double PerSecond, double MedianConnectMicros, double MaxConnectMicros, int Stalls) ConnectClose(int cycles)
        {
            return InNamespace(() =>
            {
                var ep = new IPEndPoint(Address, EchoPort);
                var connectTimes = new double[cycles];
                var total = Stopwatch.StartNew();
                for (int i = 0; i < cycles; i++)
                {
                    using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    long t0 = Stopwatch.GetTimestamp();
                    s.Connect(ep);
                    connectTimes[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds * 1000;
                    s.Close();
                }
                double rate = cycles / total.Elapsed.TotalSeconds;
                Array.Sort(connectTimes);
                // A connect that took 0.9 s or more waited for Linux's 1 s SYN retransmission: a SYN was not answered.
                int stalls = connectTimes.Count(t => t >= 900_000);
                return (rate, connectTimes[cycles / 2], connectTimes[cycles - 1], stalls);
            });
        }

        /// <summary>ping -c COUNT -i 0.01: median RTT in µs.</summary>
        public double PingMedianMicros(int count)
        {
            Shell.Result r = Client.Exec("ping", new[] { "-n", "-c", count.ToString(), "-i", "0.01", "-W", "1", Address.ToString() }, 60000);
            var rtts = new List<double>();
            foreach (Match m in Regex.Matches(r.Output, @"time=([0-9.]+) ms"))
                rtts.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000);
            if (rtts.Count == 0) throw new InvalidOperationException(Name + ": ping got no reply: " + r.Output + r.Error);
            rtts.Sort();
            return rtts[rtts.Count / 2];
        }

        private T InNamespace<T>(Func<T> work)
        {
            T result = default;
            Exception error = null;
            var thread = new Thread(() =>
            {
                try
                {
                    using (Client.Enter()) result = work();
                }
                catch (Exception e)
                {
                    error = e;
                }
            });
            thread.Start();
            if (!thread.Join(300000)) throw new TimeoutException(Name + ": measurement did not end within 5 minutes");
            if (error != null) throw new InvalidOperationException(Name + ": " + error.Message, error);
            return result;
        }
    }
}
