using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Network;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// The sample application (firmware/Sample) on the virtual board, <c>nanotcp-board --app sample</c>, against the
    /// Linux kernel's TCP: the greeting, an echo of 20 KB, a second client after the first closed (the slot came
    /// back), then SIGTERM removes the namespace.
    /// </summary>
    [TestClass]
    public sealed class SampleInteropTests
    {
        [TestMethod]
        public void SampleGreetsEchoesAndServesTheNextClient()
        {
            InteropNetwork.RequirePrerequisites();
            string ns = "ntvb-sample-" + Environment.ProcessId;
            try
            {
                using (var board = new BoardProcess("--app", "sample", "--namespace", ns))
                {
                    board.WaitUntilRunning(30000);
                    StringAssert.Contains(board.Output, "sample application at 192.0.2.2");
                    var namespaceHandle = NetworkNamespace.Open(ns);
                    for (int client = 0; client < 2; client++)
                    {
                        using (Socket s = Connect(namespaceHandle, 7))
                        {
                            Assert.AreEqual("hi\r\n", Encoding.ASCII.GetString(ReadExactly(s, 4)), "greeting of client " + client);
                            byte[] data = Pattern.Bytes(20000, 3 + client);
                            s.Send(data);
                            byte[] back = ReadExactly(s, data.Length);
                            Assert.AreEqual(-1, Pattern.FirstDifference(data, back, data.Length), "echo of client " + client);
                            s.Shutdown(SocketShutdown.Send);
                            Assert.AreEqual(0, s.Receive(new byte[1]), "the sample closes after the client's FIN");
                        }
                    }
                    Assert.AreEqual(0, board.Stop(10000), "exit code after SIGTERM:\n" + board.Output);
                    StringAssert.Contains(board.Output, "namespace " + ns + " and its TAP device removed");
                }
                Assert.IsFalse(NetworkNamespace.Exists(ns), "the program removed its namespace");
            }
            finally
            {
                if (NetworkNamespace.Exists(ns)) Shell.Ip("netns", "del", ns);
            }
        }

        private static byte[] ReadExactly(Socket s, int count)
        {
            var buffer = new byte[count];
            int got = 0;
            while (got < count)
            {
                int n = s.Receive(buffer, got, count - got, SocketFlags.None);
                Assert.IsTrue(n > 0, "connection closed after " + got + " of " + count + " bytes");
                got += n;
            }
            return buffer;
        }

        private static Socket Connect(NetworkNamespace ns, int port)
        {
            Socket s;
            using (ns.Enter()) s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.SendTimeout = 10000;
            s.ReceiveTimeout = 10000;
            using var cts = new System.Threading.CancellationTokenSource(10000);
            s.ConnectAsync(new IPEndPoint(InteropNetwork.BoardAddress, port), cts.Token).AsTask().GetAwaiter().GetResult();
            return s;
        }
    }
}
