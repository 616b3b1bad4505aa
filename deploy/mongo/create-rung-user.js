// Run by the mongo image once, when the database is first created (/docker-entrypoint-initdb.d), connected as
// the root user. Creates the user Rung connects as: readWrite on the rung database only.
const fs = require('fs');

const password = fs.readFileSync('/run/mongo-secrets/mongo_app_password', 'utf8').trim();
db.getSiblingDB('rung').createUser({ user: 'rung', pwd: password, roles: [{ role: 'readWrite', db: 'rung' }] });
