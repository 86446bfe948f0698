export { signToken, verifyToken, type TokenClaims, type TokenCheck } from "./token.js";
export {
  AuthError, GuestIdentityProvider, guestIdentityProvider, identityProvider, setGuestIdentityProvider,
  setIdentityProvider, type Identity, type IdentityProvider,
} from "./identity.js";
