using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>Issue 6, interop tests 1 and 2: bulk data both ways against the Linux kernel's TCP.</summary>
    [TestClass]
    public sealed class EchoInteropTests
    {
        /// <summary>MSTest context (run times are reported there).</summary>
        public TestContext TestContext { get; set; }

        /// <summary>1. Linux → echo service, 10 MB in random-sized writes, identical bytes back, both sides close cleanly.</summary>
        [TestMethod]
        public void Interop01_LinuxToEcho_10MB_RandomWrites_IdenticalBytes_CleanClose()
        {
            using var net = InteropNetwork.Start();
            TimeSpan t = Exchanges.EchoBytes(net, 10 * 1024 * 1024, seed: 1, timeoutMs: 60000);
            TestContext.WriteLine("10 MB echoed in " + t.TotalSeconds.ToString("0.00") + " s");
            Assert.AreEqual(net.Board.Invoke(s => s.ConnectionSlotCount), net.FreeSlots(), "every slot free afterwards");
        }

        /// <summary>2. nanoTcp connects as a client to a Linux listener, sends 1 MB, gets it back: identical bytes.</summary>
        [TestMethod]
        public void Interop02_NanoTcpClient_ToLinuxListener_IdenticalBytes()
        {
            using var net = InteropNetwork.Start();
            const int port = 5555, total = 1024 * 1024;
            Socket listener = net.ListenOnLinux(port);
            byte[] data = Pattern.Bytes(total, 2);
            var client = new EchoClientTask(Ip4.Address(192, 0, 2, 1), port, data);
            net.Board.AddTask(client);

            using var accept = new System.Threading.CancellationTokenSource(10000);
            Socket peer = net.Own(listener.AcceptAsync(accept.Token).AsTask().GetAwaiter().GetResult());
            peer.ReceiveTimeout = 30000;
            peer.SendTimeout = 30000;
            // Linux echoes everything and checks it on the way, then closes after the board's FIN.
            byte[] linuxGot = new byte[total];
            int got = 0;
            var buf = new byte[65536];
            while (true)
            {
                int n = peer.Receive(buf);
                if (n == 0) break;
                Assert.IsTrue(got + n <= total, "the board sent more than it was given");
                Array.Copy(buf, 0, linuxGot, got, n);
                got += n;
                int off = 0;
                while (off < n) off += peer.Send(buf, off, n - off, SocketFlags.None);
            }
            peer.Close();
            Assert.AreEqual(total, got, "bytes Linux received from the board");
            Assert.AreEqual(-1, Pattern.FirstDifference(data, linuxGot, total), "bytes Linux received are the ones sent");
            Wait.Until(() => client.Finished, 10000, "the board client to finish");
            Assert.AreEqual(0, client.Error, "board client error (TcpError)");
            Assert.IsTrue(client.Completed, "the board client read the end of stream and closed");
            Assert.AreEqual(-1, Pattern.FirstDifference(data, client.ReceivedData, total), "the board got its own bytes back");
        }
    }
}
