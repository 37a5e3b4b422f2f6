// Reads [{secret, headers, body}] on stdin; writes [true|"error"] per delivery, as the
// Standard Webhooks library judges it (signature and timestamp tolerance).
import { Webhook } from 'standardwebhooks'

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = JSON.parse(input).map(({ secret, headers, body }) => {
  try {
    new Webhook(secret).verify(body, headers)
    return true
  } catch (error) {
    return String(error.message ?? error)
  }
})
process.stdout.write(JSON.stringify(results))
