export { signToken, verifyToken, type TokenClaims, type TokenCheck } from "./token.js";
export {
  AuthError, GuestIdentityProvider, guestIdentityProvider, identityProvider, setGuestIdentityProvider,
  setIdentityProvider, type Identity, type IdentityProvider,
} from "./identity.js";
export { AUTH_SECRET_FILE, AuthSecretFileError, loadOrCreateAuthSecret, MIN_PERSISTED_SECRET_CHARS } from "./secret-store.js";
export { resolveAuthSecret, useAuthSecretFromEnv, type AuthSecretSource } from "./startup-secret.js";
