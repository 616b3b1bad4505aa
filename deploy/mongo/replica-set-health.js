// The mongo service's healthcheck: signs in as root, initiates the one-member replica set rs0 on the first
// run, and fails until this node is primary. The password is read from its file, never put on a command line.
const fs = require('fs');

const password = fs.readFileSync('/run/mongo-secrets/mongo_root_password', 'utf8').trim();
db.getSiblingDB('admin').auth(process.env.MONGO_INITDB_ROOT_USERNAME, password);
try {
  rs.status();
} catch {
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] });
}
if (!db.hello().isWritablePrimary) quit(1);
