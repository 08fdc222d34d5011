using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NanoTcp.VirtualBoard.Board;
using NanoTcp.VirtualBoard.Network;

namespace NanoTcp.VirtualBoard.Bench
{
    /// <summary>
    /// Issue 6's benchmarks. From the Linux side of a namespace, against the virtual board and, in the same run and
    /// interleaved pass by pass, against a Linux↔Linux veth pair (the machine's ceiling): goodput Linux → target
    /// (iperf -c … -t 10 to a discard service), target → Linux (reading a chargen-like sender), connect+close per
    /// second and median handshake latency (2000 cycles against echo), median ping RTT. Prints medians [min–max]
    /// over the passes and the board/ceiling ratios, with the stack's window configuration on every line.
    /// First, connect+close against a board with the firmware's DEFAULT settings (issue 12: services, backlogs and
    /// slots as shipped), with the number of 1 s stalls (connects that waited for a SYN retransmission).
    /// Options: --passes N (3) --seconds S (10) --cycles N (2000) --quick (1 pass, 3 s, 500 cycles)
    /// --connect-close-only (just the default-settings connect+close figures).
    /// </summary>
    public static class Program
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        /// <summary>Entry point.</summary>
        public static int Main(string[] args)
        {
            int passes = Arg(args, "--passes", 3), seconds = Arg(args, "--seconds", 10), cycles = Arg(args, "--cycles", 2000);
            if (args.Contains("--quick")) { passes = 1; seconds = 3; cycles = 500; }
            string problem = BoardNetwork.CheckPrerequisites(true);
            if (problem == null && !Shell.Run("iperf", new[] { "-v" }).Error.Contains("iperf") && !Shell.Run("iperf", new[] { "-v" }).Output.Contains("iperf"))
                problem = "iperf is not installed (boards/host/apt-packages.txt)";
            if (problem != null)
            {
                Console.WriteLine("virtualboard.skipped=" + problem);
                return 0;
            }
            // The two window configurations of the reference table (MSS 1460).
            var windows = new[] { (Receive: 4 * 1460, Send: 2 * 1460), (Receive: 2 * 1460, Send: 2 * 1460) };
            string prefix = "ntbench-" + Environment.ProcessId;
            Console.WriteLine("virtualboard.passes=" + passes + " iperf_seconds=" + seconds + " cycles=" + cycles);
            DefaultSettingsConnectClose(prefix, cycles);
            if (args.Contains("--connect-close-only")) return 0;
            using var peer = new LinuxPeer(prefix + "-veth");
            var ceiling = new Target
            {
                Name = "veth", Client = peer.Client,
                DiscardPort = LinuxPeer.DiscardPort, ChargenPort = LinuxPeer.ChargenPort, EchoPort = LinuxPeer.EchoPort,
            };
            foreach (var w in windows)
            {
                using var network = BoardNetwork.CreateInNamespace(prefix + "-board", "192.0.2.1/24");
                var options = new BoardOptions
                {
                    Namespace = network.Namespace.Name, ReceiveBuffer = w.Receive, SendBuffer = w.Send, ServiceConnections = 4,
                };
                using var board = new Board.VirtualBoard(options, network.Tap, null);
                board.Start();
                var nano = new Target { Name = "nanotcp", Client = network.Namespace, DiscardPort = 9, ChargenPort = 19, EchoPort = 7 };
                StackConfig c = board.Application.Settings.Stack;
                string window = "{rcv=" + c.ReceiveBufferSize + ",snd=" + c.SendBufferSize + ",mss=" + c.Mss + ",delack=" +
                                (c.DelayedAck ? c.DelayedAckMs + "ms" : "off") + "}";
                Console.WriteLine("window" + window + " receive_buffer=" + c.ReceiveBufferSize + " send_buffer=" + c.SendBufferSize +
                                  " mss=" + c.Mss + " connection_slots=" + c.ConnectionSlots);
                Measure(nano, ceiling, window, passes, seconds, cycles, board);
            }
            return 0;
        }

        /// <summary>Connect+close against echo on a board built from the default BoardOptions (nothing enlarged).</summary>
        private static void DefaultSettingsConnectClose(string prefix, int cycles)
        {
            using var network = BoardNetwork.CreateInNamespace(prefix + "-defaults", "192.0.2.1/24");
            using var board = new Board.VirtualBoard(new BoardOptions { Namespace = network.Namespace.Name }, network.Tap, null);
            board.Start();
            var nano = new Target { Name = "nanotcp", Client = network.Namespace, DiscardPort = 9, ChargenPort = 19, EchoPort = 7 };
            nano.PingMedianMicros(5);
            var cc = nano.ConnectClose(cycles);
            string tag = "{defaults,slots=" + board.Application.Settings.Stack.ConnectionSlots + ",service_connections=" +
                         board.Application.Settings.ServiceConnections + "}";
            Console.WriteLine("nanotcp.connect_close_per_s" + tag + "=" + cc.PerSecond.ToString("0.0", Inv));
            Console.WriteLine("nanotcp.connect_latency_us" + tag + "=" + cc.MedianConnectMicros.ToString("0.0", Inv));
            Console.WriteLine("nanotcp.connect_latency_max_us" + tag + "=" + cc.MaxConnectMicros.ToString("0.0", Inv));
            Console.WriteLine("nanotcp.connect_stalls_1s" + tag + "=" + cc.Stalls);
            Console.Out.Flush();
        }

        private static void Measure(Target nano, Target ceiling, string window, int passes, int seconds, int cycles, Board.VirtualBoard board)
        {
            var m = new Dictionary<string, List<double>>();
            void Add(string k, double v) { if (!m.TryGetValue(k, out var l)) m[k] = l = new List<double>(); l.Add(v); }
            nano.PingMedianMicros(5); // ARP and JIT warm-up
            ceiling.PingMedianMicros(5);
            for (int p = 0; p < passes; p++)
            {
                foreach (Target t in new[] { nano, ceiling })
                {
                    Add(t.Name + ".linux_to_target_mibps", t.IperfToTarget(seconds));
                    Add(t.Name + ".target_to_linux_mibps", t.ReadFromTarget(seconds));
                    // The stack's own sending path: a board task that keeps the send buffer full (the veth
                    // peer's sender above already is one).
                    Add(t.Name + ".bulk_to_linux_mibps", t == nano
                        ? t.ReceiveFromSender(5001, () => board.AddTask(new BulkSender(Ip4.Address(192, 0, 2, 1), 5001, seconds * 1000L)))
                        : m[t.Name + ".target_to_linux_mibps"][p]);
                    var cc = t.ConnectClose(cycles);
                    Add(t.Name + ".connect_close_per_s", cc.PerSecond);
                    Add(t.Name + ".connect_latency_us", cc.MedianConnectMicros);
                    Add(t.Name + ".ping_rtt_us", t.PingMedianMicros(100));
                }
            }
            foreach (string metric in new[] { "linux_to_target_mibps", "target_to_linux_mibps", "bulk_to_linux_mibps", "connect_close_per_s", "connect_latency_us", "ping_rtt_us" })
            {
                double ours = Median(m["nanotcp." + metric]), linux = Median(m["veth." + metric]);
                Console.WriteLine("nanotcp." + metric + window + "=" + Format(m["nanotcp." + metric]));
                Console.WriteLine("veth." + metric + window + "=" + Format(m["veth." + metric]));
                // Ratio board/ceiling: for throughput higher is better, for latency lower is better.
                Console.WriteLine("ratio." + metric + window + "=" + (ours / linux).ToString("0.000", Inv));
            }
            Console.Out.Flush();
        }

        private static double Median(List<double> v)
        {
            var s = v.OrderBy(x => x).ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        }

        private static string Format(List<double> v)
        {
            return Median(v).ToString("0.0", Inv) + " [" + v.Min().ToString("0.0", Inv) + "-" + v.Max().ToString("0.0", Inv) + "]";
        }

        private static int Arg(string[] args, string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
        }
    }
}
