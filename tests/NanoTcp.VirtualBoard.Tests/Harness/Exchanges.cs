using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>The exchanges several tests repeat (plain, with faults, through the ENC28J60).</summary>
    public static class Exchanges
    {
        /// <summary>Echo service port (RFC 862).</summary>
        public const int EchoPort = 7;

        /// <summary>
        /// Linux connects to the echo service, writes <paramref name="total"/> bytes in random-sized writes while a
        /// second thread reads the echo, compares every byte, half-closes, reads the board's FIN, closes; then
        /// both sides must have closed cleanly: Linux in TIME-WAIT (it closed first), the board's slot freed.
        /// Returns the elapsed time.
        /// </summary>
        public static TimeSpan EchoBytes(InteropNetwork net, int total, int seed, int timeoutMs)
        {
            byte[] data = Pattern.Bytes(total, seed);
            var clock = Stopwatch.StartNew();
            Socket s = net.Connect(EchoPort);
            s.ReceiveTimeout = timeoutMs;
            s.SendTimeout = timeoutMs;
            int linuxPort = ((System.Net.IPEndPoint)s.LocalEndPoint).Port;
            byte[] back = new byte[total];
            Task<int> reader = Task.Run(() =>
            {
                int got = 0;
                while (got < total)
                {
                    int n = s.Receive(back, got, Math.Min(65536, total - got), SocketFlags.None);
                    if (n == 0) break;
                    got += n;
                }
                return got;
            });
            var sizes = new Random(seed + 1);
            int sent = 0;
            while (sent < total)
            {
                int n = Math.Min(total - sent, sizes.Next(1, 16385));
                s.Send(data, sent, n, SocketFlags.None);
                sent += n;
            }
            if (!reader.Wait(timeoutMs)) Assert.Fail("echo of " + total + " bytes not back within " + timeoutMs + " ms");
            int received = reader.Result;
            Assert.AreEqual(total, received, "bytes echoed");
            int diff = Pattern.FirstDifference(data, back, total);
            Assert.AreEqual(-1, diff, "first corrupted byte at offset " + diff);

            s.Shutdown(SocketShutdown.Send);
            Assert.AreEqual(0, s.Receive(new byte[1]), "the echo service closes after our FIN (end of stream)");
            s.Close();
            Wait.Until(() => net.BoardState(linuxPort) == TcpState.Closed, 15000, "the board's slot to close (port " + linuxPort + ")");
            Wait.Until(() => net.LinuxState(linuxPort) == "TIME-WAIT", 15000, "Linux TIME-WAIT after the clean close");
            return clock.Elapsed;
        }

        /// <summary>
        /// <paramref name="cycles"/> connect/close cycles: even cycles against the echo service (one byte there and
        /// back, Linux closes first), odd ones against a close-first service on <paramref name="closeFirstPort"/>
        /// (nanoTcp closes first, so its slots fill with TIME-WAIT). Every cycle must succeed.
        /// </summary>
        public static TimeSpan ConnectCloseCycles(InteropNetwork net, int cycles, int closeFirstPort, int perCycleTimeoutMs)
        {
            var clock = Stopwatch.StartNew();
            byte[] one = { 0x5A };
            byte[] buf = new byte[64];
            for (int i = 0; i < cycles; i++)
            {
                bool echo = (i & 1) == 0;
                Socket s;
                try
                {
                    s = net.Connect(echo ? EchoPort : closeFirstPort, perCycleTimeoutMs);
                }
                catch (SocketException e)
                {
                    Assert.Fail("cycle " + i + ": connect failed: " + e.SocketErrorCode + "; board slots " + Describe(net));
                    return clock.Elapsed;
                }
                s.ReceiveTimeout = perCycleTimeoutMs;
                s.SendTimeout = perCycleTimeoutMs;
                try
                {
                    if (echo)
                    {
                        s.Send(one);
                        Assert.AreEqual(1, s.Receive(buf, 0, 1, SocketFlags.None), "cycle " + i + ": echo");
                        Assert.AreEqual(one[0], buf[0], "cycle " + i + ": echoed byte");
                    }
                    else
                    {
                        int total = 0, n;
                        while ((n = s.Receive(buf, 0, buf.Length, SocketFlags.None)) > 0) total += n;
                        Assert.IsTrue(total > 0, "cycle " + i + ": the close-first service sent its line");
                    }
                }
                catch (SocketException e)
                {
                    Assert.Fail("cycle " + i + ": " + e.SocketErrorCode + "; board slots " + Describe(net));
                }
                s.Close();
            }
            return clock.Elapsed;
        }

        /// <summary>The board's slots as text, for failure messages.</summary>
        public static string Describe(InteropNetwork net)
        {
            return string.Join(", ", net.BoardConnections().Select(c => c.State + ":" + c.RemotePort));
        }

        /// <summary><c>ping -c 20</c> (and with 1400-byte payloads): 20 of 20 replies each.</summary>
        public static void Ping(InteropNetwork net)
        {
            foreach (string size in new[] { "56", "1400" })
            {
                var r = net.Exec("ping", "-c", "20", "-i", "0.05", "-W", "2", "-s", size, "192.0.2.2");
                StringAssert.Contains(r.Output, "20 packets transmitted, 20 received", "ping -s " + size + ":\n" + r.Output + r.Error);
            }
        }
    }
}
