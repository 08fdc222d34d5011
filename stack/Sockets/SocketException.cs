using System.IO;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// A Sockets call failed. <see cref="Error"/> is the stack's <see cref="TcpError"/> code (ConnectionReset,
    /// ConnectionRefused, TimedOut, ...); <see cref="TcpError.WouldBlock"/> means the call's own timeout passed and
    /// the connection is still usable. Derives from <see cref="IOException"/>, which stream code already catches.
    /// </summary>
    public sealed class SocketException : IOException
    {
        /// <summary>Creates the exception for <paramref name="error"/> (a negative TcpError code).</summary>
        public SocketException(int error)
            : base(Describe(error))
        {
            Error = error;
        }

        /// <summary>The stack's <see cref="TcpError"/> code.</summary>
        public int Error { get; }

        private static string Describe(int error)
        {
            switch (error)
            {
                case TcpError.WouldBlock: return "timed out waiting (the connection is still usable)";
                case TcpError.InvalidHandle: return "the connection is closed";
                case TcpError.NotConnected: return "not connected";
                case TcpError.ConnectionReset: return "connection reset by peer";
                case TcpError.ConnectionRefused: return "connection refused";
                case TcpError.TimedOut: return "connection timed out";
                case TcpError.NoFreeSlot: return "no free connection slot";
                case TcpError.AddressInUse: return "address in use";
                case TcpError.Shutdown: return "send after shutdown";
                case TcpError.Aborted: return "connection aborted";
                case TcpError.NoListenerSlot: return "no free listener slot";
                case TcpError.InvalidArgument: return "invalid argument";
                case TcpError.Unreachable: return "host unreachable";
                default: return "TCP error";
            }
        }
    }
}
