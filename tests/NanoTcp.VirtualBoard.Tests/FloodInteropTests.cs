using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// Issue 12 interop proof against Linux: a SYN flood from spoofed sources that never answer (inside
    /// 192.0.2.0/24 only, every source given to hping3 with -a), and ten clients connecting at once to echo.
    /// The board runs the firmware with its default settings (telnet backlog 3, echo 2, 8 slots).
    /// </summary>
    [TestClass]
    public sealed class FloodInteropTests
    {
        private const int TelnetPort = 23;

        /// <summary>MSTest context (figures are reported there).</summary>
        public TestContext TestContext { get; set; }

        /// <summary>
        /// 500 spoofed SYNs (50 absent hosts 192.0.2.100-149, 10 each), then a 10 s <c>hping3 --flood</c> from
        /// 192.0.2.77 (absent too), all at the telnet port while a telnet session is open: the session keeps
        /// working, and a new client gets the password prompt within 1 s of the flood's end.
        /// </summary>
        [TestMethod]
        public void Interop12a_SpoofedSynFlood_SessionKeepsWorking_NewClientServedWithinOneSecond()
        {
            using var net = InteropNetwork.Start(null, "hping3", "telnet", "tmux");
            using var telnet = new TelnetUnderTmux(net);
            telnet.WaitFor("Password: ", 10000);
            telnet.TypeLine("secret");
            telnet.WaitFor("nanotcp> ", 10000);

            // 500 SYNs from spoofed sources that never answer ARP, ten hping3 processes at a time.
            for (int batch = 0; batch < 5; batch++)
            {
                var senders = new List<BackgroundProcess>();
                for (int i = 0; i < 10; i++)
                {
                    string source = "192.0.2." + (100 + batch * 10 + i);
                    senders.Add(net.StartInNamespace("hping3", "-q", "-S", "-p", TelnetPort.ToString(), "-a", source, "-c", "10", "-i", "u2000", "192.0.2.2"));
                }
                foreach (BackgroundProcess p in senders)
                    Assert.IsTrue(p.WaitForExit(20000), "hping3 burst did not finish: " + p.Output);
            }
            long afterBurst = net.Board.Invoke(s => s.Counters.TcpSynCookiesSent);
            TestContext.WriteLine("SYN cookies after the 500-SYN burst: " + afterBurst);
            Assert.IsTrue(afterBurst >= 490, "the burst beyond the backlog was answered with cookies: " + afterBurst);

            // 10 s flood from one spoofed, absent address (never random sources).
            BackgroundProcess flood = net.StartInNamespace("timeout", "-s", "INT", "10", "hping3", "-q", "-S", "--flood",
                                                           "-p", TelnetPort.ToString(), "-a", "192.0.2.77", "192.0.2.2");
            Thread.Sleep(3000);
            telnet.TypeLine("stats");
            Match cookies = telnet.WaitFor(@"tcp_syn_cookies_sent\D+(\d+)", 10000);
            TestContext.WriteLine("during the flood: " + cookies.Value);
            Assert.IsTrue(flood.WaitForExit(20000), "the flood did not end");
            var sinceEnd = Stopwatch.StartNew();

            // A new client is served (the password prompt) within 1 s of the flood's end.
            string prompt = ReadPrompt(net, 2000);
            double ms = sinceEnd.Elapsed.TotalMilliseconds;
            TestContext.WriteLine("new client's prompt " + ms.ToString("0") + " ms after the flood; board counters: cookies sent " +
                                  net.Board.Invoke(s => s.Counters.TcpSynCookiesSent) + ", validated " +
                                  net.Board.Invoke(s => s.Counters.TcpSynCookiesValidated) + "; hping3: " + flood.Output.Trim());
            StringAssert.Contains(prompt, "Password:");
            Assert.IsTrue(ms < 1000, "the new client waited " + ms.ToString("0") + " ms");

            // The open session still works.
            telnet.TypeLine("netstat");
            telnet.WaitFor(@"192\.0\.2\.2:23\s+192\.0\.2\.1:\d+\s+ESTABLISHED", 10000);
        }

        private static string ReadPrompt(InteropNetwork net, int timeoutMs)
        {
            Socket s = net.Connect(TelnetPort, timeoutMs);
            s.ReceiveTimeout = timeoutMs;
            var text = new StringBuilder();
            var buf = new byte[256];
            var clock = Stopwatch.StartNew();
            while (!text.ToString().Contains("Password:") && clock.ElapsedMilliseconds < timeoutMs)
            {
                int n = s.Receive(buf);
                if (n <= 0) break;
                for (int i = 0; i < n; i++) if (buf[i] >= 32 && buf[i] < 127) text.Append((char)buf[i]);
            }
            return text.ToString();
        }

        /// <summary>
        /// Ten Linux clients connect to echo at once (default settings: 2 served at a time, backlog 2): every client
        /// whose handshake completes is served (its byte echoed, perhaps after waiting in the backlog) or reset —
        /// never closed without service, never left hanging.
        /// </summary>
        [TestMethod]
        public void Interop12b_TenClientsAtOnce_EachServedOrReset()
        {
            using var net = InteropNetwork.Start();
            var sockets = Enumerable.Range(0, 10).Select(_ => net.NewSocket()).ToList();
            var ep = new IPEndPoint(InteropNetwork.BoardAddress, Exchanges.EchoPort);
            var outcomes = sockets.Select((s, i) => Task.Run(() => Exchange(s, ep, (byte)(0x41 + i)))).ToArray();
            Assert.IsTrue(Task.WaitAll(outcomes, 60000), "some client neither served nor reset within 60 s");
            var results = outcomes.Select(t => t.Result).ToList();
            TestContext.WriteLine(string.Join(", ", results));
            CollectionAssert.AreEquivalent(new string[0], results.Where(r => r != "served" && r != "reset" && r != "refused").ToList(),
                "every client is served or refused with a RST");
            Assert.IsTrue(results.Count(r => r == "served") >= 2, "at least the service's two places served");
        }

        private static string Exchange(Socket s, IPEndPoint ep, byte value)
        {
            try
            {
                using var cts = new CancellationTokenSource(10000);
                s.ConnectAsync(ep, cts.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused || e.SocketErrorCode == SocketError.ConnectionReset)
            {
                return "refused";
            }
            catch (OperationCanceledException)
            {
                return "connect timed out";
            }
            s.ReceiveTimeout = 30000;
            try
            {
                s.Send(new[] { value });
                var b = new byte[1];
                int n = s.Receive(b);
                if (n == 0) return "closed without service";
                s.Close();
                return b[0] == value ? "served" : "wrong byte";
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                return "reset";
            }
            catch (SocketException e)
            {
                return "error " + e.SocketErrorCode;
            }
        }
    }
}
