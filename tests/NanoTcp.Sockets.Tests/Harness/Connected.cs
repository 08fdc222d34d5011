namespace NanoTcp.Sockets.Tests.Harness
{
    /// <summary>An established connection across a <see cref="PumpPair"/>: the client's end and the server's accepted end.</summary>
    public sealed class Connected
    {
        public TcpListener Listener;
        public TcpClient Client;
        public TcpClient Server;

        /// <summary>Listens on <paramref name="port"/>, connects and accepts (blocking, bounded).</summary>
        public static Connected Open(PumpPair pair, int port)
        {
            var c = new Connected
            {
                Listener = new TcpListener(pair.Server, port),
                Client = new TcpClient(pair.Client),
                Server = new TcpClient(pair.Server),
            };
            c.Listener.Start(4);
            c.Client.SendTimeout = 10000;
            c.Client.Connect(PumpPair.ServerAddress, port);
            if (!c.Listener.AcceptTcpClient(c.Server, 10000)) throw new System.TimeoutException("accept");
            return c;
        }
    }
}
