using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Network;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// Issue 6, interop test 9 and the program itself: <c>nanotcp-board --namespace NS --pcap FILE</c> run as a
    /// process, traffic of every kind, SIGTERM, then the namespace must be gone and <c>tshark -z expert</c> must
    /// find no malformed frame and no checksum error in the capture.
    /// </summary>
    [TestClass]
    public sealed class ProgramInteropTests
    {
        /// <summary>MSTest context.</summary>
        public TestContext TestContext { get; set; }

        /// <summary>9. The pcap of a run passes <c>tshark -r FILE -z expert</c> with no errors (malformed, checksum).</summary>
        [TestMethod]
        public void Interop09_PcapOfRun_PassesTsharkExpert_AndProgramCleansUp()
        {
            InteropNetwork.RequirePrerequisites("tshark", "ping");
            string ns = "ntvb-prog-" + Environment.ProcessId;
            string pcap = Path.Combine(Path.GetTempPath(), ns + ".pcap");
            try
            {
                using (var board = new BoardProcess("--namespace", ns, "--ip", "192.0.2.2", "--pcap", pcap, "--quiet", "--password", "secret"))
                {
                    board.WaitUntilRunning(30000);
                    var namespaceHandle = NetworkNamespace.Open(ns);
                    GenerateTraffic(namespaceHandle);
                    Assert.AreEqual(0, board.Stop(10000), "exit code after SIGTERM:\n" + board.Output);
                    StringAssert.Contains(board.Output, "namespace " + ns + " and its TAP device removed");
                }
                Assert.IsFalse(NetworkNamespace.Exists(ns), "the program removed its namespace");

                Shell.Result frames = Shell.Run("tshark", new[] { "-r", pcap, "-T", "fields", "-e", "frame.number" }, 60000);
                Assert.IsTrue(frames.Ok, "tshark could not read the pcap: " + frames.Error);
                int count = frames.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
                Assert.IsTrue(count > 100, "frames captured: " + count);

                string[] checks = { "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE" };
                Shell.Result expert = Shell.Run("tshark", Concat(new[] { "-r", pcap, "-q", "-z", "expert" }, checks), 60000);
                Assert.IsTrue(expert.Ok, "tshark -z expert failed: " + expert.Error);
                TestContext.WriteLine(count + " frames; tshark -z expert:\n" + expert.Output);
                Assert.IsFalse(expert.Output.Contains("Errors ("), "tshark reports errors:\n" + expert.Output);

                Shell.Result bad = Shell.Run("tshark", Concat(new[] { "-r", pcap, "-Y",
                    "_ws.malformed || ip.checksum.status == \"Bad\" || tcp.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\"" }, checks), 60000);
                Assert.IsTrue(bad.Ok, "tshark filter failed: " + bad.Error);
                Assert.AreEqual("", bad.Output.Trim(), "malformed frames or bad checksums");
            }
            finally
            {
                if (NetworkNamespace.Exists(ns)) Shell.Ip("netns", "del", ns);
                File.Delete(pcap);
            }
        }

        private static void GenerateTraffic(NetworkNamespace ns)
        {
            // ARP and ICMP (small and large), then TCP to echo, discard and chargen, and a refused port (RST).
            Shell.Result ping = ns.Exec("ping", new[] { "-c", "5", "-i", "0.05", "-W", "2", "-s", "1400", "192.0.2.2" }, 30000);
            StringAssert.Contains(ping.Output, "5 received", ping.Output + ping.Error);
            byte[] data = Pattern.Bytes(200000, 9);
            using (Socket echo = Connect(ns, 7))
            {
                echo.ReceiveTimeout = 10000;
                echo.Send(data);
                var back = new byte[data.Length];
                int got = 0;
                while (got < back.Length)
                {
                    int n = echo.Receive(back, got, back.Length - got, SocketFlags.None);
                    Assert.IsTrue(n > 0, "echo closed early");
                    got += n;
                }
                Assert.AreEqual(-1, Pattern.FirstDifference(data, back, data.Length));
                echo.Shutdown(SocketShutdown.Send);
                Assert.AreEqual(0, echo.Receive(new byte[1]));
            }
            using (Socket discard = Connect(ns, 9))
            {
                discard.Send(data);
                discard.Shutdown(SocketShutdown.Send);
                discard.ReceiveTimeout = 10000;
                Assert.AreEqual(0, discard.Receive(new byte[1]));
            }
            using (Socket chargen = Connect(ns, 19))
            {
                chargen.ReceiveTimeout = 10000;
                var buf = new byte[8192];
                int got = 0;
                while (got < 50000) got += chargen.Receive(buf);
            }
            using (Socket refused = NewSocket(ns))
            {
                try
                {
                    refused.Connect(new IPEndPoint(InteropNetwork.BoardAddress, 4444));
                    Assert.Fail("connect to a closed port succeeded");
                }
                catch (SocketException e)
                {
                    Assert.AreEqual(SocketError.ConnectionRefused, e.SocketErrorCode);
                }
            }
        }

        private static Socket NewSocket(NetworkNamespace ns)
        {
            using (ns.Enter()) return new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }

        private static Socket Connect(NetworkNamespace ns, int port)
        {
            Socket s = NewSocket(ns);
            s.SendTimeout = 10000;
            using var cts = new System.Threading.CancellationTokenSource(10000);
            s.ConnectAsync(new IPEndPoint(InteropNetwork.BoardAddress, port), cts.Token).AsTask().GetAwaiter().GetResult();
            return s;
        }

        private static string[] Concat(string[] a, string[] b)
        {
            var r = new string[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }
    }
}
