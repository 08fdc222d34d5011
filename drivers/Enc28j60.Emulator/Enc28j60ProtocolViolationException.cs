using System;

namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>
    /// Thrown by a strict-mode <see cref="Enc28j60Chip"/> (see <see cref="Enc28j60ChipOptions.Strict"/>) when the
    /// driver breaks a rule of the data sheet or errata; the message names the rule and its ENC28J60 facts section.
    /// </summary>
    public sealed class Enc28j60ProtocolViolationException : Exception
    {
        /// <summary>Creates the exception with the description of the violation.</summary>
        public Enc28j60ProtocolViolationException(string message) : base(message)
        {
        }
    }
}
